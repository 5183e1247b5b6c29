"""Sign-in rate limiting (django-axes)."""

from axes.backends import AxesStandaloneBackend


class LoginRateLimitBackend(AxesStandaloneBackend):
    """Axes' lockout, for sign-ins over HTTP. authenticate() called without a request comes
    from code (management commands, the test client's login), not from someone trying
    passwords: it is left to the model backend instead of being refused outright."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
