from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Puts the address and name in the ID token, as school account providers do."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email": "email", "name": "profile"}

    def get_additional_claims(self, request):
        user = request.user
        return {"email": user.email, "name": f"{user.first_name} {user.last_name}".strip()}
