package io.seqscore.trainer.train;

import io.seqscore.model.core.NetworkEnsemble;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.trainer.data.SeriesWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Trains an ensemble of K networks of one architecture on the same windows, member m with seed {@code seed + m} and
 * shuffle seed {@code shuffleSeed + m} (so member m is the network a single run with those seeds trains), each with
 * its own early stopping, and fuses them ({@link NetworkEnsemble}) into one network whose forecast is their mean.
 * The result's epochs are member 0's; its windows and steps are the members' sums. K = 1 is the plain run.
 */
public final class EnsembleTraining {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleTraining.class);

    private EnsembleTraining() {
    }

    public static TrainingResult train(TrainConfig tc, int members, SeriesWindows windows, NetworkSpec spec,
                                       ToDoubleFunction<float[]> validationLoss, TrainingProgress progress) {
        if (members == 1) {
            return new Trainer(tc).train(windows, spec, validationLoss, progress);
        }
        List<float[]> params = new ArrayList<>(members);
        List<TrainingResult> results = new ArrayList<>(members);
        long windowsTrained = 0;
        long stepsTrained = 0;
        for (int m = 0; m < members; m++) {
            TrainConfig member = tc.toBuilder().seed(tc.seed() + m).shuffleSeed(tc.shuffleSeed() + m).build();
            LOG.info("ensemble member {}/{}: seed {}, shuffle seed {}", m + 1, members, member.seed(),
                    member.shuffleSeed());
            TrainingResult r = new Trainer(member).train(windows, spec, validationLoss, progress);
            results.add(r);
            params.add(r.params());
            windowsTrained += r.windowsTrained();
            stepsTrained += r.stepsTrained();
        }
        NetworkSpec memberSpec = results.get(0).spec();
        TrainingResult first = results.get(0);
        return new TrainingResult(NetworkEnsemble.fusedSpec(memberSpec, members),
                NetworkEnsemble.fuse(memberSpec, params), first.bestEpoch(), first.epochs(), windowsTrained,
                stepsTrained);
    }
}
