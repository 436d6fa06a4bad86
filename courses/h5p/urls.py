"""Language-independent H5P routes, mounted at /h5p/: the player and its public files."""

from django.urls import path

from courses.h5p import views

app_name = "h5p"

urlpatterns = [
    path("spieler/<uuid:public_id>/", views.player, name="player"),
    path("spieler/dateien/<path:path>", views.player_file, name="player_file"),
    path("dateien/inhalt/<uuid:public_id>/<path:path>", views.content_asset,
         name="content_asset"),
    path("dateien/bibliotheken/<str:folder>/<path:path>", views.library_asset,
         name="library_asset"),
]
