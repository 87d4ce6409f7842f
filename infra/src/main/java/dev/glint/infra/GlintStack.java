package dev.glint.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** All of Glint in one stack: each concern is one construct, wired here by what it grants to whom. */
public final class GlintStack extends Stack {
    static final int RATE_LIMIT = 1_000;
    static final int BURST_LIMIT = 2_000;
    /** Raw tracking-address mail is read within seconds; the rest leaves a week to redrive a failed relay. */
    static final int RAW_MAIL_RETENTION_DAYS = 7;

    public GlintStack(Construct scope, String id, GlintStackProps props) {
        super(scope, id, StackProps.builder().description("Glint: serverless email tracking").build());

        DataTables tables = new DataTables(this, "Data", new DataTablesProps(RemovalPolicy.RETAIN));
        HitsQueue hits = new HitsQueue(this, "Hits", new HitsQueueProps(WorkerFunction.TIMEOUT));
        TokenKeys keys = new TokenKeys(this, "TokenKeys", new TokenKeysProps(RemovalPolicy.RETAIN));
        SesSending ses = new SesSending(this, "Ses", new SesSendingProps(props.sendingDomain()));
        TrackingApi http = new TrackingApi(this, "TrackingApi", new TrackingApiProps(RATE_LIMIT, BURST_LIMIT));
        String trackingBaseUrl = props.trackingBaseUrl().orElse(http.baseUrl());

        TrackFunction track = new TrackFunction(this, "Track",
                new TrackFunctionProps(props.code().track(), hits.queue(), keys));
        new WorkerFunction(this, "Worker", new WorkerFunctionProps(props.code().worker(), tables, hits.queue()));
        Attachments attachments = new Attachments(this, "Attachments", new AttachmentsProps(props.code().attachments(),
                props.code().converter(), tables, hits.queue(), keys, props.uploadOrigin(), RemovalPolicy.RETAIN));
        ApiFunction api = new ApiFunction(this, "Api",
                new ApiFunctionProps(props.code().api(), tables, keys, ses, trackingBaseUrl, attachments));
        InboundMail inbound = new InboundMail(this, "Inbound", new InboundMailProps(props.code().inbound(), tables,
                keys, ses, trackingBaseUrl, props.trackingAddressDomain(), RAW_MAIL_RETENTION_DAYS,
                RemovalPolicy.RETAIN));
        attachments.grantRelay(inbound.function());
        http.routeHitsTo(track.entryPoint());
        http.routeAttachmentsTo(attachments.entryPoint());
        http.routeApiTo(api.entryPoint());

        CfnOutput.Builder.create(this, "ApiUrl").value(http.url()).description("HTTP API default stage").build();
        CfnOutput.Builder.create(this, "MainTableName").value(tables.main().getTableName())
                .description("Main table: local/glint api-key create --table <this> issues API keys").build();
        CfnOutput.Builder.create(this, "TrackingBaseUrl").value(trackingBaseUrl)
                .description("Base URL of tracking links in sent mail").build();
        for (int i = 0; i < ses.dkimRecords().size(); i++) {
            CfnOutput.Builder.create(this, "DkimRecord" + (i + 1)).value(ses.dkimRecords().get(i))
                    .description("Publish in " + props.sendingDomain() + " DNS so SES verifies the domain").build();
        }
        CfnOutput.Builder.create(this, "InboundBucketName").value(inbound.bucket().getBucketName())
                .description("Raw tracking-address mail, under " + InboundMail.OBJECT_KEY_PREFIX + ", kept "
                        + RAW_MAIL_RETENTION_DAYS + " days").build();
        CfnOutput.Builder.create(this, "ReceiptRuleSetName").value(inbound.ruleSetName())
                .description("Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>").build();
        CfnOutput.Builder.create(this, "InboundFunctionName").value(inbound.function().getFunctionName())
                .description("Relays tracking-address mail").build();
        CfnOutput.Builder.create(this, "AttachmentsBucketName").value(attachments.bucket().getBucketName())
                .description("Senders' attachments, under " + Attachments.OBJECT_KEY_PREFIX + "; never public").build();
        CfnOutput.Builder.create(this, "AttachmentsFunctionName").value(attachments.function().getFunctionName())
                .description("Serves attachment links (/a/...)").build();
        attachments.converter().ifPresent(converter -> CfnOutput.Builder.create(this, "ConverterFunctionName")
                .value(converter.getFunctionName())
                .description("Converts Office attachments to PDF (container image)").build());
        CfnOutput.Builder.create(this, "InboundMxRecord").value("10 " + InboundMail.mxHost())
                .description("Publish as the MX record of " + props.trackingAddressDomain() + " and *."
                        + props.trackingAddressDomain()).build();
    }
}
