"""The models that carry agreements out, taken over from the agreements app: their tables were
renamed by agreements 0004 and hold their rows, so this migration only records the models (and
moves their content types, so that permissions and admin log entries follow them)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = [
    "focalpoint", "workinggroup", "workinggroupmember", "workplan", "activity",
    "labourprogramme", "trainingprogramme", "traineegroup",
]
MODELS += [f"historical{name}" for name in MODELS]


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in MODELS:
        if not ContentType.objects.filter(app_label=target, model=name).exists():
            ContentType.objects.filter(app_label=source, model=name).update(app_label=target)


def content_types_to_cooperation(apps, schema_editor) -> None:
    _move_content_types(apps, "agreements", "cooperation")


def content_types_to_agreements(apps, schema_editor) -> None:
    _move_content_types(apps, "cooperation", "agreements")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agreements', '0004_move_cooperation_models'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('geo', '0001_initial'),
        ('registry', '0002_updated_at_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FocalPoint',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('person', models.CharField(blank=True, max_length=200, verbose_name='person')),
                        ('role', models.CharField(blank=True, max_length=200, verbose_name='role')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='focal_points', to='agreements.agreement', verbose_name='agreement')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organization', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'focal point',
                        'verbose_name_plural': 'focal points',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalFocalPoint',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('person', models.CharField(blank=True, max_length=200, verbose_name='person')),
                        ('role', models.CharField(blank=True, max_length=200, verbose_name='role')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='agreement')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.organization', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'historical focal point',
                        'verbose_name_plural': 'historical focal points',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalLabourProgramme',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('starts_on', models.DateField(verbose_name='from')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='to')),
                        ('workers_sent', models.PositiveIntegerField(blank=True, null=True, verbose_name='workers sent')),
                        ('workers_qualifier', models.CharField(blank=True, choices=[('', 'as stated'), ('more_than', 'more than'), ('at_least', 'at least'), ('nearly', 'nearly'), ('approximately', 'approximately'), ('estimated', 'estimated'), ('expected', 'expected')], default='', max_length=16, verbose_name='workers sent: as stated')),
                        ('workers_note', models.CharField(blank=True, max_length=200, verbose_name='note on the figures')),
                        ('ethnic_minority_share', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='share from ethnic minorities, per cent')),
                        ('ethnic_minority_share_qualifier', models.CharField(blank=True, choices=[('', 'as stated'), ('more_than', 'more than'), ('at_least', 'at least'), ('nearly', 'nearly'), ('approximately', 'approximately'), ('estimated', 'estimated'), ('expected', 'expected')], default='', max_length=16, verbose_name='share from ethnic minorities: as stated')),
                        ('sector', models.CharField(blank=True, max_length=200, verbose_name='sector')),
                        ('conditions', models.TextField(blank=True, verbose_name='conditions')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('demo_key', models.CharField(blank=True, db_index=True, editable=False, max_length=64)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='agreement')),
                        ('employer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.organization', verbose_name='employer')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('receiving_province', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='geo.province', verbose_name='receiving province')),
                        ('sending_province', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='geo.province', verbose_name='sending province')),
                    ],
                    options={
                        'verbose_name': 'historical labour programme',
                        'verbose_name_plural': 'historical labour programmes',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalTrainingProgramme',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('courses', models.TextField(blank=True, help_text='One per line.', verbose_name='courses')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='from')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='to')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('demo_key', models.CharField(blank=True, db_index=True, editable=False, max_length=64)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='agreement')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organiser', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.organization', verbose_name='organiser')),
                    ],
                    options={
                        'verbose_name': 'historical training programme',
                        'verbose_name_plural': 'historical training programmes',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalWorkingGroup',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('established_on', models.DateField(blank=True, null=True, verbose_name='established on')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='agreement')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical joint working group',
                        'verbose_name_plural': 'historical joint working groups',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalWorkPlan',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('period', models.CharField(choices=[('yearly', 'Yearly'), ('two_yearly', 'Two-yearly')], default='yearly', max_length=12, verbose_name='period')),
                        ('starts_on', models.DateField(verbose_name='starts on')),
                        ('ends_on', models.DateField(verbose_name='ends on')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='agreement')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical work plan',
                        'verbose_name_plural': 'historical work plans',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='LabourProgramme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('starts_on', models.DateField(verbose_name='from')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='to')),
                        ('workers_sent', models.PositiveIntegerField(blank=True, null=True, verbose_name='workers sent')),
                        ('workers_qualifier', models.CharField(blank=True, choices=[('', 'as stated'), ('more_than', 'more than'), ('at_least', 'at least'), ('nearly', 'nearly'), ('approximately', 'approximately'), ('estimated', 'estimated'), ('expected', 'expected')], default='', max_length=16, verbose_name='workers sent: as stated')),
                        ('workers_note', models.CharField(blank=True, max_length=200, verbose_name='note on the figures')),
                        ('ethnic_minority_share', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='share from ethnic minorities, per cent')),
                        ('ethnic_minority_share_qualifier', models.CharField(blank=True, choices=[('', 'as stated'), ('more_than', 'more than'), ('at_least', 'at least'), ('nearly', 'nearly'), ('approximately', 'approximately'), ('estimated', 'estimated'), ('expected', 'expected')], default='', max_length=16, verbose_name='share from ethnic minorities: as stated')),
                        ('sector', models.CharField(blank=True, max_length=200, verbose_name='sector')),
                        ('conditions', models.TextField(blank=True, verbose_name='conditions')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('demo_key', models.CharField(blank=True, db_index=True, editable=False, max_length=64)),
                        ('agreement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='labour_programmes', to='agreements.agreement', verbose_name='agreement')),
                        ('employer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organization', verbose_name='employer')),
                        ('receiving_province', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.province', verbose_name='receiving province')),
                        ('sending_province', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.province', verbose_name='sending province')),
                    ],
                    options={
                        'verbose_name': 'labour programme',
                        'verbose_name_plural': 'labour programmes',
                        'ordering': ['-starts_on', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='TrainingProgramme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('courses', models.TextField(blank=True, help_text='One per line.', verbose_name='courses')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='from')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='to')),
                        ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('demo_key', models.CharField(blank=True, db_index=True, editable=False, max_length=64)),
                        ('agreement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='training_programmes', to='agreements.agreement', verbose_name='agreement')),
                        ('organiser', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organization', verbose_name='organiser')),
                    ],
                    options={
                        'verbose_name': 'training programme',
                        'verbose_name_plural': 'training programmes',
                        'ordering': ['-starts_on', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='TraineeGroup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('trainees', models.PositiveIntegerField(blank=True, null=True, verbose_name='trainees')),
                        ('completed', models.PositiveIntegerField(blank=True, null=True, verbose_name='completed')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organization', verbose_name='agency')),
                        ('country', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.country', verbose_name='country')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='trainee_groups', to='cooperation.trainingprogramme', verbose_name='training programme')),
                    ],
                    options={
                        'verbose_name': 'trainee group',
                        'verbose_name_plural': 'trainee groups',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalTraineeGroup',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('trainees', models.PositiveIntegerField(blank=True, null=True, verbose_name='trainees')),
                        ('completed', models.PositiveIntegerField(blank=True, null=True, verbose_name='completed')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.organization', verbose_name='agency')),
                        ('country', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='geo.country', verbose_name='country')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cooperation.trainingprogramme', verbose_name='training programme')),
                    ],
                    options={
                        'verbose_name': 'historical trainee group',
                        'verbose_name_plural': 'historical trainee groups',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='WorkingGroup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('established_on', models.DateField(blank=True, null=True, verbose_name='established on')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='working_groups', to='agreements.agreement', verbose_name='agreement')),
                    ],
                    options={
                        'verbose_name': 'joint working group',
                        'verbose_name_plural': 'joint working groups',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalWorkingGroupMember',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('person', models.CharField(blank=True, max_length=200, verbose_name='person')),
                        ('role', models.CharField(choices=[('co_chair', 'Co-chair'), ('member', 'Member'), ('secretary', 'Secretary')], default='member', max_length=12, verbose_name='role')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.organization', verbose_name='organisation')),
                        ('group', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cooperation.workinggroup', verbose_name='joint working group')),
                    ],
                    options={
                        'verbose_name': 'historical working group member',
                        'verbose_name_plural': 'historical working group members',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='WorkingGroupMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('person', models.CharField(blank=True, max_length=200, verbose_name='person')),
                        ('role', models.CharField(choices=[('co_chair', 'Co-chair'), ('member', 'Member'), ('secretary', 'Secretary')], default='member', max_length=12, verbose_name='role')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='cooperation.workinggroup', verbose_name='joint working group')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organization', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'working group member',
                        'verbose_name_plural': 'working group members',
                        'ordering': ['role', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('period', models.CharField(choices=[('yearly', 'Yearly'), ('two_yearly', 'Two-yearly')], default='yearly', max_length=12, verbose_name='period')),
                        ('starts_on', models.DateField(verbose_name='starts on')),
                        ('ends_on', models.DateField(verbose_name='ends on')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='work_plans', to='agreements.agreement', verbose_name='agreement')),
                    ],
                    options={
                        'verbose_name': 'work plan',
                        'verbose_name_plural': 'work plans',
                        'ordering': ['starts_on', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalActivity',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='activity')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('budget', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='budget')),
                        ('currency', models.CharField(blank=True, max_length=3, verbose_name='currency')),
                        ('state', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='planned', max_length=12, verbose_name='status')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.organization', verbose_name='owner')),
                        ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cooperation.workplan', verbose_name='work plan')),
                    ],
                    options={
                        'verbose_name': 'historical activity',
                        'verbose_name_plural': 'historical activities',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Activity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                        ('title', models.CharField(max_length=300, verbose_name='activity')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('budget', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='budget')),
                        ('currency', models.CharField(blank=True, max_length=3, verbose_name='currency')),
                        ('state', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='planned', max_length=12, verbose_name='status')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='illustrative')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.organization', verbose_name='owner')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='cooperation.workplan', verbose_name='work plan')),
                    ],
                    options={
                        'verbose_name': 'activity',
                        'verbose_name_plural': 'activities',
                        'ordering': ['due_on', 'id'],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_cooperation, content_types_to_agreements),
    ]
