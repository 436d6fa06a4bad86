"""Codes as an authenticator app would show them (django-otp's own TOTP arithmetic)."""

from django_otp.oath import TOTP


def current_code(device, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
