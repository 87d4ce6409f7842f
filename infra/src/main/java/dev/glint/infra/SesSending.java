package dev.glint.infra;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.ses.SuppressionReasons;
import software.constructs.Construct;

/** SES sending: the domain identity (Easy DKIM) and the configuration set every tracked mail goes out through. */
public final class SesSending extends Construct {
    private static final List<String> SEND_ACTIONS = List.of("ses:SendEmail", "ses:SendRawEmail");
    private final ConfigurationSet configurationSet;
    private final EmailIdentity identity;

    public SesSending(Construct scope, String id, SesSendingProps props) {
        super(scope, id);
        configurationSet = ConfigurationSet.Builder.create(this, "ConfigurationSet")
                .reputationMetrics(true)
                .suppressionReasons(SuppressionReasons.BOUNCES_AND_COMPLAINTS)
                .build();
        identity = EmailIdentity.Builder.create(this, "Identity")
                .identity(Identity.domain(props.sendingDomain()))
                .configurationSet(configurationSet)
                .build();
    }

    public String configurationSetName() {
        return configurationSet.getConfigurationSetName();
    }

    /** The DKIM CNAME records to publish in the sending domain's DNS, one "name CNAME value" line each. */
    public List<String> dkimRecords() {
        return List.of(
                identity.getDkimDnsTokenName1() + " CNAME " + identity.getDkimDnsTokenValue1(),
                identity.getDkimDnsTokenName2() + " CNAME " + identity.getDkimDnsTokenValue2(),
                identity.getDkimDnsTokenName3() + " CNAME " + identity.getDkimDnsTokenValue3());
    }

    /** ses:SendEmail and ses:SendRawEmail on the sending identity and the configuration set only. */
    public void grantSendEmail(IGrantable grantee) {
        identity.grantSendEmail(grantee);
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(SEND_ACTIONS)
                .resourceArns(List.of(configurationSetArn()))
                .build());
    }

    /**
     * ses:SendEmail and ses:SendRawEmail as any identity verified in this account and region, through the
     * configuration set only: the inbound relay sends as each registered sender, whose identity is not known here.
     * SES v2 SendEmail is authorized as ses:SendEmail, and with raw content as ses:SendRawEmail too.
     */
    public void grantSendEmailAsAccountIdentities(IGrantable grantee) {
        String anyIdentityArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("ses").resource("identity").resourceName("*").build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(SEND_ACTIONS)
                .resourceArns(List.of(anyIdentityArn, configurationSetArn()))
                .build());
    }

    private String configurationSetArn() {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("ses").resource("configuration-set").resourceName(configurationSetName()).build());
    }
}
