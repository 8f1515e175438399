package org.vogstream.detect.decide;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a threshold applies: everywhere ({@code *}), to a model ({@code model=NAME}) or to one
 * class of a model ({@code model=NAME/class=C}). More specific scopes win.
 *
 * @param model the model, or null for {@code *}
 * @param cls the class, when the scope is one class
 */
public record Scope(String model, OptionalInt cls) {
    public static final Scope ALL = new Scope(null, OptionalInt.empty());
    private static final Pattern FORM = Pattern.compile("model=([^/=]+)(?:/class=(\\d{1,9}))?");

    public static Scope parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("a threshold needs a key: *, model=NAME or model=NAME/class=C");
        }
        if (key.equals("*")) {
            return ALL;
        }
        Matcher m = FORM.matcher(key);
        if (!m.matches()) {
            throw new IllegalArgumentException("key '" + key + "' is not *, model=NAME or model=NAME/class=C");
        }
        return new Scope(m.group(1), m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2))));
    }

    public static Scope model(String model) {
        return new Scope(model, OptionalInt.empty());
    }

    public static Scope modelClass(String model, int cls) {
        return new Scope(model, OptionalInt.of(cls));
    }

    public String key() {
        if (model == null) {
            return "*";
        }
        return "model=" + model + (cls.isPresent() ? "/class=" + cls.getAsInt() : "");
    }
}
