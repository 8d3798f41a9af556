"""A "Clinical reviewers" group and the "Clinical review" step before moderation.

Like Editors and Moderators (0002), the group is created here. Its members may
open the admin, sign reviews through the workflow step, and keep the clinic's
default safety net; the step is put first in the workflow the pages use
("Moderators approval", on the whole tree), which is renamed to say so.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Clinical reviewers"
TASK = "Clinical review"
WORKFLOW_BEFORE, WORKFLOW_AFTER = "Moderators approval", "Clinical review and moderation"
CODENAMES = ["change_safetynetsettings"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("cms")
    app_config.models_module = True  # see 0002: create_permissions reads it as a flag
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="cms", codename__in=CODENAMES),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    Group.objects.get(name="Moderators").permissions.add(
        *Permission.objects.filter(content_type__app_label="cms", codename__in=CODENAMES)
    )

    Task = apps.get_model("cms", "ClinicalReviewTask")
    task_type, _ = ContentType.objects.get_or_create(app_label="cms", model="clinicalreviewtask")
    task, _ = Task.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([group])

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow = Workflow.objects.filter(name=WORKFLOW_BEFORE).first()
    if workflow is None:
        return
    for workflow_task in WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order"):
        workflow_task.sort_order += 1
        workflow_task.save()
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.name = WORKFLOW_AFTER
    workflow.save()


def backwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_AFTER).update(name=WORKFLOW_BEFORE)
    apps.get_model("cms", "ClinicalReviewTask").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_clinical_safety_net_and_review"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
