package org.baclofencds.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whole-word, case-insensitive match of any of a set of names in free text. */
final class TextMatcher {
    private final Pattern pattern;

    TextMatcher(Collection<String> names) {
        List<String> sorted = new ArrayList<>();
        for (String n : names) {
            if (n != null && !n.isBlank()) {
                sorted.add(n.trim());
            }
        }
        // Longest first, so "lithium carbonate" wins over "lithium" in the reported name.
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        if (sorted.isEmpty()) {
            pattern = null;
        } else {
            StringBuilder sb = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
            for (int i = 0; i < sorted.size(); i++) {
                if (i > 0) {
                    sb.append('|');
                }
                sb.append(Pattern.quote(sorted.get(i)));
            }
            sb.append(")(?![\\p{L}\\p{N}])");
            pattern = Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    /** The first name found in the text, or null. */
    String find(String text) {
        if (pattern == null || text == null || text.isEmpty()) {
            return null;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group() : null;
    }
}
