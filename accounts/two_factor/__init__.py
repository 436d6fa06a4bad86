"""Two factors for the admin: TOTP with recovery codes (django-otp), or the provider's MFA."""
