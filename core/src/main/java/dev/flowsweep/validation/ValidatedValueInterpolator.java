package dev.flowsweep.validation;

import jakarta.validation.MessageInterpolator;

import java.util.Locale;

/**
 * Replaces the token {@code ${validatedValue}} with the value under validation, then lets the delegate
 * interpolate the constraint's attributes ({@code {min}}, {@code {max}}, ...). It lets messages name the rejected
 * value without an Expression Language implementation on the class path.
 */
final class ValidatedValueInterpolator implements MessageInterpolator {
    static final String TOKEN = "${validatedValue}";

    private final MessageInterpolator delegate;

    ValidatedValueInterpolator(MessageInterpolator delegate) {
        this.delegate = delegate;
    }

    @Override
    public String interpolate(String messageTemplate, Context context) {
        return delegate.interpolate(substitute(messageTemplate, context), context);
    }

    @Override
    public String interpolate(String messageTemplate, Context context, Locale locale) {
        return delegate.interpolate(substitute(messageTemplate, context), context, locale);
    }

    private static String substitute(String template, Context context) {
        if (template == null || !template.contains(TOKEN)) {
            return template;
        }
        return template.replace(TOKEN, escape(String.valueOf(context.getValidatedValue())));
    }

    /** Escapes the characters that the delegate would read as message syntax. */
    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == '$' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
