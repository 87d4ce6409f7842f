package dev.glint.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.Stats;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A Java 21 arm64 function (a jar on Lambda's runtime, or a container image) with a role of its own (no managed policies: it may write its own log group and
 * whatever the caller grants), a log group with retention, and alarms on errors and throttles.
 */
public final class JavaFunction extends Construct {
    public static final int MEMORY_MIB = 1024;
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    private final Function function;
    private final IFunction entryPoint;

    public JavaFunction(Construct scope, String id, JavaFunctionProps props) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(LOG_RETENTION).build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + props.logicalId() + " and nothing else")
                .build();
        logs.grantWrite(role);

        function = Function.Builder.create(this, "Function")
                .description(props.description())
                .runtime(props.isImage() ? Runtime.FROM_IMAGE : Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(props.handler())
                .code(props.code())
                .memorySize(props.memoryMib())
                .ephemeralStorageSize(props.ephemeralStorageMib() == JavaFunctionProps.DEFAULT_EPHEMERAL_STORAGE_MIB
                        ? null : Size.mebibytes(props.ephemeralStorageMib()))
                .timeout(props.timeout())
                .environment(props.environment())
                .role(role)
                .logGroup(logs)
                .snapStart(props.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                .build();
        ((CfnFunction) function.getNode().getDefaultChild()).overrideLogicalId(props.logicalId());

        // SnapStart only restores published versions: callers must invoke the alias, never $LATEST.
        if (props.snapStart()) {
            entryPoint = Alias.Builder.create(this, "Live")
                    .aliasName("live").version(function.getCurrentVersion()).build();
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "currentVersion publishes a version on every change and the live alias serves it");
        } else {
            entryPoint = function;
        }

        alarm("ErrorsAlarm", function.metricErrors(everyFiveMinutes()), "failed invocations");
        alarm("ThrottlesAlarm", function.metricThrottles(everyFiveMinutes()), "throttled invocations");
    }

    /** The function itself: grant permissions to it. */
    public Function function() {
        return function;
    }

    /** What callers invoke: the "live" alias under SnapStart, else the function. */
    public IFunction entryPoint() {
        return entryPoint;
    }

    private void alarm(String id, Metric metric, String what) {
        Alarm.Builder.create(this, id)
                .alarmDescription(function.getNode().getPath() + " had " + what)
                .metric(metric)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static MetricOptions everyFiveMinutes() {
        return MetricOptions.builder().period(Duration.minutes(5)).statistic(Stats.SUM).build();
    }
}
