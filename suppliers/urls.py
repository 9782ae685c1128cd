from django.urls import path

from .views import feed_push_view

urlpatterns = [path("suppliers/feed/push", feed_push_view, name="supplier-feed-push")]
