"""The project's URLs plus one view whose HTML carries an injected ``<script>``.

It stands for any way a script could reach a page (a template that trusted the
wrong string): the page also holds the server's own script, a Wagtail date
picker, so a test can tell which of the two the policy lets run.
"""

from django import forms
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import path

from wagtail.admin.widgets import AdminDateInput

from cms.urls import urlpatterns as project_urlpatterns

INJECTED = '<script>alert("injected")</script>'
PAGE = Template("<!doctype html><form>{{ form }}</form><div>{{ comment|safe }}</div>")


class ReviewDateForm(forms.Form):
    reviewed = forms.DateField(widget=AdminDateInput)


def page_with_injected_script(request):
    context = Context({"form": ReviewDateForm(), "comment": INJECTED})
    return HttpResponse(PAGE.render(context))


urlpatterns = [
    path("admin/injected/", page_with_injected_script),
    path("injected/", page_with_injected_script),
    *project_urlpatterns,
]
