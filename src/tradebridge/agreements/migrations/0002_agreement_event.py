"""The event an agreement was signed at becomes a link to the events app; the old text label
stays (renamed `event_label`) for events the system does not hold. Labels that name a known
event (by slug or title, ignoring case, spaces and dashes) are linked and then cleared."""

import re

import django.db.models.deletion
from django.db import migrations, models


def _key(text: str) -> str:
    return re.sub(r"[\s\-–—]+", "", text or "").casefold()


def link_labels(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    Event = apps.get_model("events", "Event")
    known = {}
    for event in Event.objects.all():
        for name in (event.slug, event.title_vi, event.title_lo, event.title_zh_hans, event.title_en):
            if name:
                known.setdefault(_key(name), event.pk)
    for agreement in Agreement.objects.exclude(event_label="").filter(event__isnull=True):
        event_id = known.get(_key(agreement.event_label))
        if event_id is not None:
            Agreement.objects.filter(pk=agreement.pk).update(event_id=event_id, event_label="")


def unlink(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    Event = apps.get_model("events", "Event")
    for agreement in Agreement.objects.filter(event__isnull=False):
        event = Event.objects.get(pk=agreement.event_id)
        label = event.title_vi or event.title_en or event.slug
        Agreement.objects.filter(pk=agreement.pk).update(event_label=label[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("agreement", "signed_at_event", "event_label"),
        migrations.RenameField("historicalagreement", "signed_at_event", "event_label"),
        migrations.AlterField(
            model_name="agreement",
            name="event_label",
            field=models.CharField(
                blank=True, db_index=True, max_length=200, verbose_name="other event (not in the system)"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
            name="event_label",
            field=models.CharField(
                blank=True, db_index=True, max_length=200, verbose_name="other event (not in the system)"
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agreements",
                to="events.event",
                verbose_name="signed at event",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="event",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="events.event",
                verbose_name="signed at event",
            ),
        ),
        migrations.RunPython(link_labels, unlink),
    ]
