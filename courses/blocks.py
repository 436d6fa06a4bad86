"""Blocks of lesson pages: content blocks and the quiz (its definition; attempts are rows)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from courses.h5p.blocks import H5PBlock
from courses.rules import AnswersShown

LESSON_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link",
                        "document-link"]


class LessonImageBlock(ImageBlock):
    """An image with alt text (or marked decorative) and an optional caption."""

    class Meta:
        label = _("Image")
        template = "blocks/lesson_image.html"


class VideoBlock(blocks.StructBlock):
    """A video file from the document library, with captions and a transcript."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    transcript = blocks.RichTextBlock(label=_("Transcript"), features=LESSON_TEXT_FEATURES,
                                      required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class DownloadBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "blocks/download.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Kind"), default="info", choices=[
        ("info", _("Note")), ("warning", _("Warning")), ("success", _("Tip"))])
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=LESSON_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout.html"


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback for this answer"), required=False,
                                max_length=500)


class _ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Answers"), min_num=2)

    minimum_correct = 1
    maximum_correct: int | None = None

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if correct < self.minimum_correct or (
                self.maximum_correct is not None and correct > self.maximum_correct):
            raise blocks.StructBlockValidationError(block_errors={
                "options": blocks.ListBlockValidationError(
                    non_block_errors=[self.correct_count_message])})
        return value


class SingleChoiceBlock(_ChoiceQuestionBlock):
    maximum_correct = 1
    correct_count_message = _("Mark exactly one answer as correct.")

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(_ChoiceQuestionBlock):
    correct_count_message = _("Mark at least one answer as correct.")

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


class TrueFalseBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Statement"), max_length=500)
    correct = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback = blocks.CharBlock(label=_("Explanation"), required=False, max_length=500)

    class Meta:
        icon = "tick"
        label = _("True or false")


class AcceptedAnswerBlock(blocks.CharBlock):
    """One accepted answer; the admin shows list items without a <label>, so the input
    carries its label as `aria-label` (else screen readers announce a nameless field)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.field.widget.attrs["aria-label"] = self.label


class ShortTextBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    accepted_answers = blocks.ListBlock(
        AcceptedAnswerBlock(max_length=200, label=_("Accepted answer")),
        label=_("Accepted answers"), min_num=1)
    case_sensitive = blocks.BooleanBlock(label=_("Case-sensitive"), required=False)
    feedback = blocks.CharBlock(label=_("Explanation"), required=False, max_length=500)

    class Meta:
        icon = "edit"
        label = _("Short text")


class QuizBlock(blocks.StructBlock):
    """A quiz; the server scores every attempt, the browser only shows the form."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    pass_mark = blocks.IntegerBlock(label=_("Pass mark in percent"), default=80,
                                    min_value=0, max_value=100)
    max_attempts = blocks.IntegerBlock(label=_("Attempts allowed (0 = unlimited)"),
                                       default=0, min_value=0)
    shuffle_questions = blocks.BooleanBlock(label=_("Shuffle questions"), required=False)
    shuffle_answers = blocks.BooleanBlock(label=_("Shuffle answers"), required=False)
    show_feedback = blocks.BooleanBlock(label=_("Show feedback after submitting"),
                                        required=False, default=True)
    show_answers = blocks.ChoiceBlock(
        label=_("Show the correct answers"), default=AnswersShown.AFTER,
        choices=AnswersShown.choices, help_text=_(
            "Until then, learners see which questions they got wrong and the feedback for "
            "the answers they chose, not the right answers."))
    questions = blocks.StreamBlock([
        ("single_choice", SingleChoiceBlock()),
        ("multiple_choice", MultipleChoiceBlock()),
        ("true_false", TrueFalseBlock()),
        ("short_text", ShortTextBlock()),
    ], label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Quiz")
        template = "blocks/quiz.html"


class LessonBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Text"), features=LESSON_TEXT_FEATURES,
                                     template="blocks/rich_text.html")
    image = LessonImageBlock()
    video = VideoBlock()
    download = DownloadBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()
    h5p = H5PBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}, "h5p": {"max_num": 1}}
