from rest_framework import serializers
from rest_framework.reverse import reverse

from api.models import ContentChange
from cms.site_url import absolute_url

# Where to fetch the new state of each kind of object.
RESOURCE_ROUTES = {
    "article": ("api:article-detail", True),
    "stretch": ("api:stretch-detail", True),
    "routine": ("api:routine-detail", True),
    "muscle": ("api:muscle-list", False),
    "region": ("api:region-list", False),
    "section": ("api:section-list", False),
    "clinic": ("api:clinic", False),
}


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.IntegerField(source="id")
    type = serializers.ChoiceField(source="kind", choices=ContentChange.Kind.choices)
    id = serializers.IntegerField(source="object_id")
    action = serializers.ChoiceField(choices=ContentChange.Action.choices)
    occurred_at = serializers.DateTimeField()
    api_url = serializers.SerializerMethodField(
        help_text="Where to fetch the new state; null when the object was removed."
    )
    section = serializers.SerializerMethodField(
        help_text="For a page: the id of the section holding it now (as in /api/v1/sections/), "
        "so a phone saving chosen sections skips the rest unfetched; null otherwise."
    )

    def get_api_url(self, change) -> str | None:
        if change.removes:
            return None
        route, takes_id = RESOURCE_ROUTES[change.kind]
        args = [change.object_id] if takes_id else []
        return absolute_url(reverse(route, args=args))

    def get_section(self, change) -> int | None:
        return self.context["sections"].get(change.id)


class ChangesPageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_since = serializers.IntegerField(help_text="Pass as ?since= on the next poll.")
    has_more = serializers.BooleanField(help_text="True when more changes wait beyond this page.")
