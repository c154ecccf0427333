package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorStatus;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup;

/**
 * A region's traffic dial: {@code UpdateEndpointGroup} with only {@code TrafficDialPercentage}
 * (so endpoint weights and health-check settings stay as the stack set them), then a wait until
 * the accelerator reports {@code DEPLOYED} (a second change while one is in flight fails with
 * {@code TransactionInProgressException}), then a read-back that the dial took effect.
 */
public final class EndpointGroupDial implements TrafficControl {
    private final GlobalAcceleratorClient client;
    private final EndpointGroupRef group;
    private final CallJournal journal;
    private final Pause pause;
    private final Duration deployTimeout;

    public EndpointGroupDial(
            GlobalAcceleratorClient client,
            EndpointGroupRef group,
            CallJournal journal,
            Pause pause,
            Duration deployTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.group = Objects.requireNonNull(group, "group");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.deployTimeout = Objects.requireNonNull(deployTimeout, "deployTimeout");
    }

    @Override
    public String label() {
        return region() + " traffic dial";
    }

    /** The AWS region whose traffic the dial sets. */
    public String region() {
        return group.region();
    }

    @Override
    public double current() {
        return describe().trafficDialPercentage();
    }

    @Override
    public void set(double percent) {
        journal.write(
                "globalaccelerator:UpdateEndpointGroup",
                group.arn() + " TrafficDialPercentage=" + Percent.format(percent));
        if (journal.isDryRun()) {
            return;
        }
        AwsCall.run(
                "globalaccelerator:UpdateEndpointGroup",
                () -> client.updateEndpointGroup(
                        r -> r.endpointGroupArn(group.arn()).trafficDialPercentage((float) percent)));
        awaitDeployed();
        double applied = current();
        if (Math.abs(applied - percent) > 0.001) {
            throw LandfallException.failed(
                    label() + " reads back " + Percent.format(applied) + "% after being set to "
                            + Percent.format(percent) + "%",
                    "someone else may be changing the accelerator; check the console, then rerun with --resume");
        }
    }

    /** The endpoint group as Global Accelerator reports it now. */
    EndpointGroup describe() {
        journal.read("globalaccelerator:DescribeEndpointGroup", group.arn());
        return AwsCall.run(
                        "globalaccelerator:DescribeEndpointGroup",
                        () -> client.describeEndpointGroup(r -> r.endpointGroupArn(group.arn())))
                .endpointGroup();
    }

    private void awaitDeployed() {
        long deadline = System.nanoTime() + deployTimeout.toNanos();
        PollCadence cadence = new PollCadence();
        while (true) {
            journal.read("globalaccelerator:DescribeAccelerator", group.acceleratorArn() + " (until DEPLOYED)");
            AcceleratorStatus status = AwsCall.run(
                            "globalaccelerator:DescribeAccelerator",
                            () -> client.describeAccelerator(r -> r.acceleratorArn(group.acceleratorArn())))
                    .accelerator()
                    .status();
            if (status == AcceleratorStatus.DEPLOYED) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw LandfallException.transientFailure(
                        "the accelerator is still " + status + " " + deployTimeout.toSeconds() + " s after setting the "
                                + label(),
                        "wait until the console shows it Deployed, then rerun with --resume",
                        null);
            }
            pause.sleep(cadence.next());
        }
    }
}
