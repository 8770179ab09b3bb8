// Reference vectors for categorical sequence models: embedding -> LSTM layer(s) -> dense softmax head,
// mean cross-entropy of the next symbol. TensorFlow.js (pure JavaScript CPU backend, float32) computes
// the logits, the loss, every gradient (full BPTT through the embedding) and a 3-step Adam trajectory.
// Output schema rnn-golden-grad/1 (see ../shared/golden/README.md) with an "embedding" block and a
// softmax cross-entropy loss; read by GoldenGradientTest.
//
//   npm install && node generate-categorical.js ../src/test/resources/golden
const tf = require('@tensorflow/tfjs');
const fs = require('fs');
const path = require('path');

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GATES = ['i', 'f', 'c', 'o'];

function uniform(rand, n) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.fround(rand() - 0.5);
  return a;
}

// Keras LSTM kernel [in][4u] (gates i f c o along the columns) -> neutral per gate W [u][in].
function neutralLstm(kernel, recurrent, bias, n, u) {
  const g = {};
  GATES.forEach((name, k) => {
    const W = [], U = [], b = [];
    for (let r = 0; r < u; r++) {
      const wr = [], ur = [];
      for (let j = 0; j < n; j++) wr.push(kernel[j * 4 * u + k * u + r]);
      for (let j = 0; j < u; j++) ur.push(recurrent[j * 4 * u + k * u + r]);
      W.push(wr); U.push(ur); b.push(bias[k * u + r]);
    }
    g[name] = {W, U, b};
  });
  return {gates: g};
}

function neutral(model, spec) {
  const layers = [];
  let n = spec.embedding;
  for (let k = 0; k < spec.units.length; k++) {
    const [kernel, recurrent, bias] = model.layers[1 + k].getWeights().map(w => w.dataSync());
    layers.push(neutralLstm(kernel, recurrent, bias, n, spec.units[k]));
    n = spec.units[k];
  }
  const [dk, db] = model.layers[1 + spec.units.length].getWeights().map(w => w.dataSync());
  const W = [];
  for (let r = 0; r < spec.vocabulary; r++) {
    const row = [];
    for (let j = 0; j < n; j++) row.push(dk[j * spec.vocabulary + r]);
    W.push(row);
  }
  const emb = model.layers[0].getWeights()[0].dataSync();
  const E = [];
  for (let v = 0; v < spec.vocabulary; v++) E.push(Array.from(emb.slice(v * spec.embedding, (v + 1) * spec.embedding)));
  return {layers, dense: {W, b: Array.from(db)}, embedding: E};
}

// Gradients come back per variable in model.trainableWeights order; lay them out as the weights are.
function neutralGrads(model, spec, grads) {
  const saved = model.getWeights().map(w => w.clone());
  model.setWeights(model.trainableWeights.map(v => grads[v.name]));
  const g = neutral(model, spec);
  model.setWeights(saved);
  return g;
}

function build(spec, rand) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({inputDim: spec.vocabulary, outputDim: spec.embedding, inputLength: spec.steps}));
  spec.units.forEach(u => model.add(tf.layers.lstm({units: u, returnSequences: true, recurrentActivation: 'sigmoid'})));
  model.add(tf.layers.dense({units: spec.vocabulary}));
  model.build([null, spec.steps]);
  model.setWeights(model.getWeights().map(w => tf.tensor(uniform(rand, w.size), w.shape)));
  return model;
}

function generate(spec, dir) {
  const rand = mulberry32(spec.seed);
  const model = build(spec, rand);
  const xs = [], ys = [];
  for (let b = 0; b < spec.batch; b++) {
    const xr = [], yr = [];
    for (let t = 0; t < spec.steps; t++) {
      xr.push(Math.floor(rand() * spec.vocabulary));
      yr.push(Math.floor(rand() * spec.vocabulary));
    }
    xs.push(xr); ys.push(yr);
  }
  const x = tf.tensor2d(xs, [spec.batch, spec.steps], 'float32');
  const y = tf.oneHot(tf.tensor2d(ys, [spec.batch, spec.steps], 'int32'), spec.vocabulary);
  const lossFn = () => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(model.apply(x), -1)), -1)));
  const logits = model.apply(x).arraySync();
  const weights = neutral(model, spec);
  const {value, grads} = tf.variableGrads(lossFn);
  const loss = value.dataSync()[0];
  const gradsNeutral = neutralGrads(model, spec, grads);

  const hp = {learning_rate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7};
  const adam = tf.train.adam(hp.learning_rate, hp.beta1, hp.beta2, hp.epsilon);
  const steps = [];
  for (let s = 1; s <= 3; s++) {
    const r = tf.variableGrads(lossFn);
    const before = r.value.dataSync()[0];
    const g = neutralGrads(model, spec, r.grads);
    adam.applyGradients(r.grads);
    steps.push({step: s, loss_before_step: before, grads: {neutral: g}, weights_after: {neutral: neutral(model, spec)}});
  }
  const file = {
    schema: 'rnn-golden-grad/1',
    id: spec.id,
    description: 'embedding (' + spec.vocabulary + ' x ' + spec.embedding + ') -> LSTM ' + spec.units.join(' > ')
      + ' -> dense ' + spec.vocabulary + ' logits per step; loss = mean over batch and steps of -log softmax(logits)[y]',
    generator: {tool: '@tensorflow/tfjs', tfjs_version: tf.version.tfjs, backend: tf.getBackend(), dtype: 'float32',
      prng: 'mulberry32, values rounded with Math.fround', seed: spec.seed, script: 'model/core/golden/generate-categorical.js'},
    embedding: {vocabulary: spec.vocabulary, dim: spec.embedding},
    layers: spec.units.map((u, k) => ({cell: 'lstm', units: u, input_size: k === 0 ? spec.embedding : spec.units[k - 1]})),
    loss: {kind: 'softmax_cross_entropy', tfjs_expr: '-mean(sum(oneHot(y) * logSoftmax(logits), -1))', value: loss},
    x: xs.map(r => r.map(v => [v])),
    y: ys.map(r => r.map(v => [v])),
    predictions: logits,
    weights: {neutral: weights},
    grads: {neutral: gradsNeutral},
    adam: {hyperparameters: hp, trajectory_3_steps: {steps}},
  };
  fs.mkdirSync(dir, {recursive: true});
  fs.writeFileSync(path.join(dir, spec.id + '.json'), JSON.stringify(file));
  console.log(spec.id, 'loss', loss);
}

tf.setBackend('cpu').then(() => {
  const dir = process.argv[2] || '.';
  generate({id: 'grad_categorical_emb_v7_e3_lstm5_t8', vocabulary: 7, embedding: 3, units: [5], steps: 8, batch: 3, seed: 2001}, dir);
  generate({id: 'grad_categorical_emb_v6_e4_lstm4x3_t6', vocabulary: 6, embedding: 4, units: [4, 3], steps: 6, batch: 2, seed: 2002}, dir);
});
