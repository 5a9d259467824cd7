package dev.stratum.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.Layer;
import dev.stratum.api.Prediction;
import dev.stratum.api.Task;
import dev.stratum.api.TaskSettings;
import dev.stratum.orchestration.EngineConfig;
import dev.stratum.orchestration.StratumEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the demo into a real engine (SQLite, Lucene, the ONNX encoder) on a temp directory. */
class DemoTaskLoadTest {

    @Test
    void load_onFreshEngine_trainsOnceAndAnswersFromHyperlocalLayer(@TempDir Path dir) {
        try (StratumEngine engine = StratumEngine.open(EngineConfig.defaults(dir))) {
            Task task = DemoTask.load(engine);

            assertThat(task.labels()).hasSize(20);
            assertThat(task.settings()).isEqualTo(TaskSettings.DEFAULTS);
            assertThat(engine.examples(DemoTask.TASK_ID, 0, 1).total()).isEqualTo(502);
            assertThat(engine.models(DemoTask.TASK_ID)).hasSize(1);

            Prediction p = engine.predict(DemoTask.TASK_ID, "ZIPRIDE *TRIP 7315 CHICAGO IL");
            assertThat(p.source()).isEqualTo(Layer.HYPERLOCAL);
            assertThat(p.label()).isEqualTo("travel/ground-transport");
        }
    }

    @Test
    void load_again_changesNothing(@TempDir Path dir) {
        try (StratumEngine engine = StratumEngine.open(EngineConfig.defaults(dir))) {
            DemoTask.load(engine);
        }
        try (StratumEngine engine = StratumEngine.open(EngineConfig.defaults(dir))) {
            DemoTask.load(engine);

            assertThat(engine.examples(DemoTask.TASK_ID, 0, 1).total()).isEqualTo(502);
            assertThat(engine.models(DemoTask.TASK_ID)).hasSize(1);
        }
    }
}
