"""Data-migration helper: put snippets under the same review as pages.

Used by migrations, so it works on the historical ``apps`` registry only.
"""

EDITOR_ACTIONS = ("add", "change", "lock", "unlock")
MODERATOR_ACTIONS = ("add", "change", "delete", "publish", "lock", "unlock")


def moderate(apps, app_label: str, model_names: list[str]) -> None:
    """Editors draft and submit; moderators approve and publish; all through the
    workflow that already reviews the page tree ("Moderators approval").

    Wagtail creates the ``publish``/``lock``/``unlock`` permissions only after all
    migrations have run, so they are made here.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    tree_workflow = WorkflowPage.objects.filter(page__depth=1).first()
    for model_name in model_names:
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model._meta.model_name
        )
        for group_name, actions in (("Editors", EDITOR_ACTIONS), ("Moderators", MODERATOR_ACTIONS)):
            group, _ = Group.objects.get_or_create(name=group_name)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model._meta.model_name}",
                    defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
                )
                group.permissions.add(permission)
        if tree_workflow is not None:
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": tree_workflow.workflow}
            )


def unmoderate(apps, app_label: str, model_names: list[str]) -> None:
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label=app_label, content_type__model__in=model_names
    ).delete()
