package io.callrec.catalog.api.signin;

/**
 * How people sign in on the web page: {@code password} (the built-in users' form), {@code identity-provider} (a
 * button to {@code /sign-in}, named after {@code provider} when it is set) or {@code none} (API clients only).
 */
public record SignInMethodView(String method, String provider) {
    static final String PASSWORD = "password";
    static final String IDENTITY_PROVIDER = "identity-provider";
    static final String NONE = "none";
}
