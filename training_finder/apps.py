from django.apps import AppConfig


class TrainingFinderConfig(AppConfig):
    name = "training_finder"
    verbose_name = "Training finder"
