from django.urls import path

from tradebridge.accounts import signup_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", signup_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", signup_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", signup_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password/reset/done/", signup_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("signup/", signup_views.signup_apply, name="signup"),
    path("signup/sent/", signup_views.signup_sent, name="signup_sent"),
    path("applications/", signup_views.application_queue, name="applications"),
    path("applications/<int:application_id>/", signup_views.application_detail, name="application"),
    path("applications/<int:application_id>/approve/", signup_views.application_approve,
         name="application_approve"),
    path("applications/<int:application_id>/reject/", signup_views.application_reject,
         name="application_reject"),
    path("me/", views.account, name="account"),
    path("language/", views.set_language, name="set_language"),
]
