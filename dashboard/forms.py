from django import forms
from django.utils.translation import gettext_lazy as _


class PhotoUploadForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG, WebP or HEIC, at most 10 MB. On a phone you can take it now."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    alt = forms.CharField(label=_("What the photo shows"), max_length=250, required=False)
