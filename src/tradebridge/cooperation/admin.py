from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tradebridge.cooperation.models import LabourProgramme, TrainingProgramme, WorkPlan

for model in (WorkPlan, LabourProgramme, TrainingProgramme):
    admin.site.register(model, SimpleHistoryAdmin)
