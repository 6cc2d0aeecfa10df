package org.baclofencds.rules.archfixture;

import java.net.http.HttpClient;

/** Test fixture only: a class that breaks the purity rule, to prove the rule can fail. */
public final class LeakyHttpCaller {
    private LeakyHttpCaller() {}

    public static HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
