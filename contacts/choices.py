from django.db import models


class Topic(models.TextChoices):
    CHILDREN = "children", "Children and young people"
    ADULTS = "adults", "Adults"
    EDUCATION = "education", "Education"
    GANGS = "gangs", "Gangs and exploitation"
    TRAINING = "training", "Training"
    ONLINE = "online", "Online harms"
    FAITH = "faith", "Faith and community"
    EMERGENCY = "emergency", "Emergencies and crime"


class Audience(models.TextChoices):
    RESIDENTS = "residents", "Residents and families"
    PROFESSIONALS = "professionals", "Professionals"
    COMMUNITY = "community", "Faith and community groups"
