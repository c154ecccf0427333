package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one AWS API call and turns the SDK's failures into errors an operator can act on: a
 * refused permission names the IAM action to grant, missing credentials say where the SDK looks,
 * and throttling that outlasted the SDK's retries says so. The SDK's own messages can quote
 * request ids but never credentials, so they are safe to keep as the cause.
 */
final class AwsCall {
    private AwsCall() {}

    /**
     * Calls {@code call}, the API operation IAM knows as {@code action} (such as {@code
     * globalaccelerator:UpdateEndpointGroup}).
     */
    static <T> T run(String action, Supplier<T> call) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CutoverStopped();
        }
        try {
            return call.get();
        } catch (AbortedException e) {
            throw new CutoverStopped();
        } catch (AwsServiceException e) {
            throw translate(action, e);
        } catch (SdkClientException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("credentials") || message.contains("Unable to load")) {
                throw LandfallException.usage(
                        action + ": no AWS credentials found",
                        "set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run `aws sso login`;"
                                + " the SDK's default chain is used",
                        e);
            }
            throw LandfallException.transientFailure(
                    action + ": could not reach AWS (" + firstLine(message) + ")",
                    "check the network path to AWS, then rerun with --resume",
                    e);
        }
    }

    private static LandfallException translate(String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null
                ? ""
                : String.valueOf(e.awsErrorDetails().errorCode());
        String detail = e.awsErrorDetails() == null
                ? firstLine(e.getMessage())
                : e.awsErrorDetails().errorMessage();
        if (code.endsWith("AccessDeniedException") || code.equals("AccessDenied") || e.statusCode() == 403) {
            return LandfallException.rejected(
                    action + " was refused: access denied (" + detail + ")",
                    "grant " + action + " to the role or user running the cutover; docs/cutover.md lists every"
                            + " permission it needs");
        }
        if (e.isThrottlingException()) {
            return LandfallException.transientFailure(
                    action + " was throttled by AWS after every retry (" + detail + ")",
                    "wait a minute, then rerun with --resume; nothing was left half-changed",
                    e);
        }
        if (e.statusCode() >= 500) {
            return LandfallException.transientFailure(
                    action + " failed inside AWS: " + code + " (" + detail + ")", "rerun with --resume", e);
        }
        return LandfallException.rejected(
                action + " was rejected: " + code + " (" + detail + ")",
                "check that the stacks generated from this landfall.yaml are deployed and named as in the spec");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
