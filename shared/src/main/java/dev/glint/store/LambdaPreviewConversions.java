package dev.glint.store;

import dev.glint.attach.PreviewConversions;
import dev.glint.model.Json;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * {@link PreviewConversions} by an asynchronous invoke of the converter function with
 * {@code {"attachmentId": "…"}}: Lambda queues the event (and retries it), the api does not wait.
 */
public final class LambdaPreviewConversions implements PreviewConversions {
    private final LambdaClient lambda;
    private final String function;

    public LambdaPreviewConversions(LambdaClient lambda, String function) {
        this.lambda = lambda;
        this.function = function;
    }

    @Override
    public void request(String attachmentId) {
        int status = lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(Json.write(Map.of("attachmentId", attachmentId))))).statusCode();
        if (status != 202) {
            throw new IllegalStateException("the converter function did not accept the event: " + status);
        }
    }
}
