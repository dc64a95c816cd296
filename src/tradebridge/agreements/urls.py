

app_name = "agreements"

urlpatterns: list = []
