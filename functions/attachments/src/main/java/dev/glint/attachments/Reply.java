package dev.glint.attachments;

import java.util.Map;

/** An HTTP answer, free of any front end's types: the handler maps it to API Gateway's. */
record Reply(int status, Map<String, String> headers, String body, boolean base64) {

    Reply {
        headers = Map.copyOf(headers);
    }

    /** The same answer without its body, for HEAD. */
    Reply withoutBody() {
        return new Reply(status, headers, "", false);
    }
}
