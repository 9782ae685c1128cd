from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordSetForm(forms.Form):
    email = forms.EmailField(label=_("Email"), widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput)
    password = forms.CharField(label=_("New password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("At least 8 characters, not only digits."))
    password_again = forms.CharField(label=_("New password again"), strip=False,
                                     widget=forms.PasswordInput(
                                         attrs={"autocomplete": "new-password"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        return cleaned
