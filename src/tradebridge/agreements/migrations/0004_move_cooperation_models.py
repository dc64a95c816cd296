"""Focal points, working groups, work plans and activities, and the labour and training
programmes (with their history tables) move to the cooperation app, data and all: this
migration renames their tables (agreements_x → cooperation_x) and forgets the models, which
cooperation 0001 takes over without touching the database."""

from django.db import migrations

# (model, table before, table after), the historical (django-simple-history) tables included.
MOVED = [
    ("focalpoint", "agreements_focalpoint", "cooperation_focalpoint"),
    ("historicalfocalpoint", "agreements_historicalfocalpoint", "cooperation_historicalfocalpoint"),
    ("workinggroup", "agreements_workinggroup", "cooperation_workinggroup"),
    ("historicalworkinggroup", "agreements_historicalworkinggroup", "cooperation_historicalworkinggroup"),
    ("workinggroupmember", "agreements_workinggroupmember", "cooperation_workinggroupmember"),
    ("historicalworkinggroupmember", "agreements_historicalworkinggroupmember", "cooperation_historicalworkinggroupmember"),
    ("workplan", "agreements_workplan", "cooperation_workplan"),
    ("historicalworkplan", "agreements_historicalworkplan", "cooperation_historicalworkplan"),
    ("activity", "agreements_activity", "cooperation_activity"),
    ("historicalactivity", "agreements_historicalactivity", "cooperation_historicalactivity"),
    ("labourprogramme", "agreements_labourprogramme", "cooperation_labourprogramme"),
    ("historicallabourprogramme", "agreements_historicallabourprogramme", "cooperation_historicallabourprogramme"),
    ("trainingprogramme", "agreements_trainingprogramme", "cooperation_trainingprogramme"),
    ("historicaltrainingprogramme", "agreements_historicaltrainingprogramme", "cooperation_historicaltrainingprogramme"),
    ("traineegroup", "agreements_traineegroup", "cooperation_traineegroup"),
    ("historicaltraineegroup", "agreements_historicaltraineegroup", "cooperation_historicaltraineegroup"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0003_illustrative_details_summaries_qualifiers"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=after) for model, _before, after in MOVED
            ],
            state_operations=[
                migrations.RemoveField(
                    model_name='focalpoint',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='focalpoint',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='historicalactivity',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalactivity',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='historicalactivity',
                    name='plan',
                ),
                migrations.RemoveField(
                    model_name='historicalfocalpoint',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='historicalfocalpoint',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalfocalpoint',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='historicallabourprogramme',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='historicallabourprogramme',
                    name='employer',
                ),
                migrations.RemoveField(
                    model_name='historicallabourprogramme',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicallabourprogramme',
                    name='receiving_province',
                ),
                migrations.RemoveField(
                    model_name='historicallabourprogramme',
                    name='sending_province',
                ),
                migrations.RemoveField(
                    model_name='historicaltraineegroup',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='historicaltraineegroup',
                    name='country',
                ),
                migrations.RemoveField(
                    model_name='historicaltraineegroup',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaltraineegroup',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='historicaltrainingprogramme',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='historicaltrainingprogramme',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaltrainingprogramme',
                    name='organiser',
                ),
                migrations.RemoveField(
                    model_name='historicalworkinggroup',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='historicalworkinggroup',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalworkinggroupmember',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='historicalworkinggroupmember',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalworkinggroupmember',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='historicalworkplan',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='historicalworkplan',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='labourprogramme',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='labourprogramme',
                    name='employer',
                ),
                migrations.RemoveField(
                    model_name='labourprogramme',
                    name='receiving_province',
                ),
                migrations.RemoveField(
                    model_name='labourprogramme',
                    name='sending_province',
                ),
                migrations.RemoveField(
                    model_name='traineegroup',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='traineegroup',
                    name='country',
                ),
                migrations.RemoveField(
                    model_name='traineegroup',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='trainingprogramme',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='trainingprogramme',
                    name='organiser',
                ),
                migrations.RemoveField(
                    model_name='workinggroup',
                    name='agreement',
                ),
                migrations.RemoveField(
                    model_name='workinggroupmember',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='workinggroupmember',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='workplan',
                    name='agreement',
                ),
                migrations.DeleteModel(
                    name='Activity',
                ),
                migrations.DeleteModel(
                    name='FocalPoint',
                ),
                migrations.DeleteModel(
                    name='HistoricalActivity',
                ),
                migrations.DeleteModel(
                    name='HistoricalFocalPoint',
                ),
                migrations.DeleteModel(
                    name='HistoricalLabourProgramme',
                ),
                migrations.DeleteModel(
                    name='HistoricalTraineeGroup',
                ),
                migrations.DeleteModel(
                    name='HistoricalTrainingProgramme',
                ),
                migrations.DeleteModel(
                    name='HistoricalWorkingGroup',
                ),
                migrations.DeleteModel(
                    name='HistoricalWorkingGroupMember',
                ),
                migrations.DeleteModel(
                    name='HistoricalWorkPlan',
                ),
                migrations.DeleteModel(
                    name='LabourProgramme',
                ),
                migrations.DeleteModel(
                    name='TraineeGroup',
                ),
                migrations.DeleteModel(
                    name='TrainingProgramme',
                ),
                migrations.DeleteModel(
                    name='WorkingGroup',
                ),
                migrations.DeleteModel(
                    name='WorkingGroupMember',
                ),
                migrations.DeleteModel(
                    name='WorkPlan',
                ),
            ],
        ),
    ]
