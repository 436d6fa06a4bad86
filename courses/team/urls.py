from django.urls import path

from courses.approvals import views as approval_views
from courses.team import views

app_name = "team"

urlpatterns = [
    path("", views.team, name="index"),
    path("freigaben/<int:request_id>/", approval_views.decide, name="decide"),
]
