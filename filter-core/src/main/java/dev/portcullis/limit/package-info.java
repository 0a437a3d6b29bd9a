/**
 * The limit stage: checks that run after a request is authenticated and authorized and before it
 * reaches the application (rate limits, usage quotas). A {@link dev.portcullis.limit.LimitStage}
 * admits a request, adding response header fields, or refuses it with an {@link
 * dev.portcullis.limit.Admission.Refused}, which the filter renders like every other refusal.
 * Stages are found through {@link dev.portcullis.limit.LimitStageFactory} by {@link
 * java.util.ServiceLoader}.
 */
package dev.portcullis.limit;
