package org.baclofencds.knowledge;

/** NDC normalisation to the 11-digit 5-4-2 form without dashes, the form the knowledge stores. */
public final class Ndcs {
    private Ndcs() {}

    /**
     * The 11-digit form of an NDC, or {@code null} when the text is not an NDC whose segments are known.
     * Accepts 11 digits (with or without dashes as 5-4-2) and the dashed 10-digit forms 4-4-2, 5-3-2 and
     * 5-4-1 (the short segment is left-padded with a zero). An undashed 10-digit code is ambiguous (which
     * segment is short cannot be told), so it is rejected.
     */
    public static String normalize(String ndc) {
        if (ndc == null) {
            return null;
        }
        String s = ndc.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.indexOf('-') < 0) {
            return s.length() == 11 && allDigits(s) ? s : null;
        }
        String[] parts = s.split("-", -1);
        if (parts.length != 3) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty() || !allDigits(p)) {
                return null;
            }
        }
        String labeler = parts[0];
        String product = parts[1];
        String pack = parts[2];
        int lengths = labeler.length() * 100 + product.length() * 10 + pack.length();
        return switch (lengths) {
            case 542 -> labeler + product + pack;
            case 442 -> "0" + labeler + product + pack;
            case 532 -> labeler + "0" + product + pack;
            case 541 -> labeler + product + "0" + pack;
            default -> null;
        };
    }

    /**
     * The 11-digit readings of an undashed 10-digit NDC: the 4-4-2, 5-3-2 and 5-4-1 splits, each padded.
     * Empty for anything else. A caller accepts the code only when exactly one reading is a known product.
     */
    public static java.util.List<String> tenDigitCandidates(String ndc) {
        if (ndc == null) {
            return java.util.List.of();
        }
        String s = ndc.trim();
        if (s.length() != 10 || !allDigits(s)) {
            return java.util.List.of();
        }
        return java.util.List.of(
                "0" + s, s.substring(0, 5) + "0" + s.substring(5), s.substring(0, 9) + "0" + s.substring(9));
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
