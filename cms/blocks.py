"""StreamField blocks, named for what editors see.

Blocks carry structure, not presentation: the public API turns each one into a
typed JSON block and the front end renders that, so there are no block
templates here. ``preview_value`` feeds the admin's block picker previews.
"""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cms import dosage


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", "Good to know"), ("tip", "Tip"), ("warning", "Take care")],
        default="info",
    )
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        description = "A highlighted box for a tip, a reassurance or a caution."
        preview_value = {
            "tone": "tip",
            "title": "Start gently",
            "text": "<p>Mild stretching discomfort is fine; sharp pain means stop.</p>",
        }


class CareCardBlock(blocks.StructBlock):
    """A red-flag card: when to look after yourself, see a doctor, or get emergency care.

    Each level is a plain list so the API and the body-map navigator can show the
    emergency signs first, whatever order the editor wrote the card in.
    """

    title = blocks.CharBlock(max_length=120, default="When to get help")
    emergency = blocks.ListBlock(
        blocks.CharBlock(), label="Emergency care now", required=False, default=[]
    )
    see_doctor = blocks.ListBlock(
        blocks.CharBlock(), label="See a doctor", required=False, default=[]
    )
    self_care = blocks.ListBlock(
        blocks.CharBlock(), label="Fine to look after yourself", required=False, default=[]
    )

    class Meta:
        icon = "warning"
        label = "Red-flag care card"
        description = "Signs that need emergency care, a doctor, or self-care."
        preview_value = {
            "title": "When to get help",
            "emergency": ["Weakness in both legs"],
            "see_doctor": ["Pain that keeps getting worse"],
            "self_care": ["A dull ache that eases as you move"],
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        max_length=250, help_text="Describe the image for someone who cannot see it."
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        label = "Image"


class KeyFactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Key facts")
    facts = blocks.ListBlock(blocks.CharBlock())

    class Meta:
        icon = "list-ul"
        description = "A short list of the points to remember."
        preview_value = {"title": "Key facts", "facts": ["Sciatica usually affects one leg."]}


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])


class QuestionsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(QuestionBlock(), **kwargs)

    class Meta:
        icon = "help"
        label = "Questions and answers"


class StretchReferenceBlock(blocks.StructBlock):
    stretch = blocks.PageChooserBlock(page_type="cms.StretchGuidePage")
    note = blocks.CharBlock(max_length=250, required=False, help_text="Why this stretch helps.")

    class Meta:
        icon = "pick"
        label = "Stretch guide"


class FurtherReadingLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": "Choose either a page or a web address."}
            )
        return value


class FurtherReadingBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(FurtherReadingLinkBlock(), **kwargs)

    class Meta:
        icon = "link"
        label = "Further reading"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120, icon="title", form_classname="title", label="Heading"
    )
    text = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    callout = CalloutBlock()
    care_card = CareCardBlock()
    image = CaptionedImageBlock()
    key_facts = KeyFactsBlock()
    questions = QuestionsBlock()
    stretch = StretchReferenceBlock()
    further_reading = FurtherReadingBlock()


class StretchStepBlock(blocks.StructBlock):
    instruction = blocks.TextBlock(max_length=400)
    image = ImageChooserBlock(
        required=False,
        label="Picture of the pose",
        help_text="Show the left side working: the player mirrors it for the right side. "
        "Give the image a description that names the side (left or right).",
    )
    hold_seconds = blocks.IntegerBlock(
        min_value=0, max_value=300, default=0, help_text="0 for a movement rather than a hold."
    )
    # Optional so guides written before it still run: the player then allows the default.
    position_seconds = blocks.IntegerBlock(
        min_value=1,
        max_value=120,
        required=False,
        label="Time to get into position",
        help_text="For a movement (no hold): seconds before the player moves on by itself. "
        "Leave empty for 5 seconds.",
    )

    class Meta:
        icon = "time"
        label = "Step"


class StretchStepsBlock(blocks.StreamBlock):
    step = StretchStepBlock()

    class Meta:
        min_num = 1


SIDE_CHOICES = [
    ("both", "Each side in turn"),
    ("left", "Left side only"),
    ("right", "Right side only"),
    ("none", "Both sides at once"),
]


def _limits(field):
    low, high = dosage.LIMITS[field]
    return {"min_value": low, "max_value": high}


class RoutineItemBlock(blocks.StructBlock):
    """One stretch guide in a routine; each dosage field left empty keeps the guide's own."""

    stretch = blocks.PageChooserBlock(page_type="cms.StretchGuidePage")
    hold_seconds = blocks.IntegerBlock(
        **_limits("hold_seconds"), required=False, help_text="Every hold, in seconds."
    )
    repetitions = blocks.IntegerBlock(**_limits("repetitions"), required=False)
    sets = blocks.IntegerBlock(**_limits("sets"), required=False)
    sides = blocks.ChoiceBlock(choices=SIDE_CHOICES, required=False)
    rest_seconds = blocks.IntegerBlock(
        **_limits("rest_seconds"), required=False, help_text="Rest between repetitions."
    )

    class Meta:
        icon = "pick"
        label = "Stretch"


class RoutineItemsBlock(blocks.StreamBlock):
    stretch = RoutineItemBlock()

    class Meta:
        min_num = 1
        max_num = dosage.MAX_ROUTINE_ITEMS


# Link texts that say nothing out of context, so a screen reader's list of links is useless.
VAGUE_LINK_TITLES = {"here", "click here", "link", "this link", "website", "read more", "more"}


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=250, help_text="The source's own title, as a reader sees it."
    )
    publisher = blocks.CharBlock(max_length=120, required=False)
    year = blocks.IntegerBlock(min_value=1900, max_value=2100, required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "doc-full"

    def clean(self, value):
        """An external reference is a link: its title must make sense read on its own."""
        value = super().clean(value)
        title = (value.get("title") or "").strip()
        if value.get("url") and (
            title.lower().rstrip(".") in VAGUE_LINK_TITLES
            or title.lower().startswith(("http://", "https://", "www."))
            or len(title.split()) < 2
        ):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "title": "Give the source's real title (at least two words, not the address "
                    'or "click here"), so the link makes sense on its own.'
                }
            )
        return value


class ReferencesBlock(blocks.StreamBlock):
    reference = ReferenceBlock()


class RelatedPagesBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(page_type=["cms.ArticlePage", "cms.StretchGuidePage"])
