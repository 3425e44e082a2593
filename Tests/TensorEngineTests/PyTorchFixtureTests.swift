import TensorEngine
import Testing

/// Forward values and gradients against PyTorch 2.x references (scripts/generate_engine_fixtures.py), in
/// both element types, to 1e-4 of the reference's largest magnitude.
@Suite("PyTorch fixtures")
struct PyTorchFixtureTests {
    static let tolerance = 1e-4

    @Test("conv2d forward, input and weight gradients",
          arguments: ["conv3x3_s1_p1", "conv3x3_s1_p1_wide", "conv3x3_s1_p1_8x8", "conv3x3_s2_p1",
                      "conv1x1_s1_p0", "conv1x1_s1_p0_16x16"], DType.allCases)
    func conv2d(name: String, dtype: DType) throws {
        let f = try Fixture(name)
        let stride = try f.int("stride"), padding = try f.int("padding")
        let x = Parameter(name: "x", value: try f.tensor("x", dtype: dtype))
        let w = Parameter(name: "w", value: try f.tensor("weight", dtype: dtype))
        let tape = Tape()
        let y = tape.variable(x).conv2d(tape.variable(w), stride: stride, padding: padding)
        #expect(relativeError(y.value, try f.tensor("y")) < Self.tolerance)
        tape.backward(y, gradient: try f.tensor("g", dtype: dtype))
        #expect(relativeError(x.grad!, try f.tensor("dx")) < Self.tolerance)
        #expect(relativeError(w.grad!, try f.tensor("dweight")) < Self.tolerance)
    }

    @Test("batch norm (training affine / training plain / evaluation affine)",
          arguments: ["batchnorm_train_affine", "batchnorm_train_plain", "batchnorm_eval_affine"], DType.allCases)
    func batchNorm(name: String, dtype: DType) throws {
        let f = try Fixture(name)
        let affine = try f.bool("affine"), training = try f.bool("training")
        let layer = BatchNorm2D(name: "bn", channels: 3, affine: affine, dtype: dtype)
        layer.runningMean.value = try f.tensor("running_mean_before", dtype: dtype)
        layer.runningVariance.value = try f.tensor("running_var_before", dtype: dtype)
        if affine {
            layer.weight!.value = try f.tensor("weight", dtype: dtype)
            layer.bias!.value = try f.tensor("bias", dtype: dtype)
        }
        let x = Parameter(name: "x", value: try f.tensor("x", dtype: dtype))
        let tape = Tape()
        let y = layer(tape.variable(x), training: training)
        #expect(relativeError(y.value, try f.tensor("y")) < Self.tolerance)
        #expect(relativeError(layer.runningMean.value, try f.tensor("running_mean")) < Self.tolerance)
        #expect(relativeError(layer.runningVariance.value, try f.tensor("running_var")) < Self.tolerance)
        tape.backward(y, gradient: try f.tensor("g", dtype: dtype))
        #expect(relativeError(x.grad!, try f.tensor("dx")) < Self.tolerance)
        if affine {
            #expect(relativeError(layer.weight!.grad!, try f.tensor("dweight")) < Self.tolerance)
            #expect(relativeError(layer.bias!.grad!, try f.tensor("dbias")) < Self.tolerance)
        }
    }

    @Test("average pooling", arguments: ["avgpool3x3_s1_p1_exclude", "avgpool2x2_s2"], DType.allCases)
    func averagePool(name: String, dtype: DType) throws {
        let f = try Fixture(name)
        let x = Parameter(name: "x", value: try f.tensor("x", dtype: dtype))
        let tape = Tape()
        let y = tape.variable(x).averagePool(kernel: try f.int("kernel"), stride: try f.int("stride"),
                                             padding: try f.int("padding"),
                                             countIncludePadding: try f.bool("count_include_pad"))
        #expect(relativeError(y.value, try f.tensor("y")) < Self.tolerance)
        tape.backward(y, gradient: try f.tensor("g", dtype: dtype))
        #expect(relativeError(x.grad!, try f.tensor("dx")) < Self.tolerance)
    }

    @Test("ReLU and global average pooling", arguments: ["relu", "global_avgpool"], DType.allCases)
    func unary(name: String, dtype: DType) throws {
        let f = try Fixture(name)
        let x = Parameter(name: "x", value: try f.tensor("x", dtype: dtype))
        let tape = Tape()
        let y = name == "relu" ? tape.variable(x).relu() : tape.variable(x).globalAveragePool()
        #expect(relativeError(y.value, try f.tensor("y")) < Self.tolerance)
        tape.backward(y, gradient: try f.tensor("g", dtype: dtype))
        #expect(relativeError(x.grad!, try f.tensor("dx")) < Self.tolerance)
    }

    @Test("linear", arguments: DType.allCases)
    func linear(dtype: DType) throws {
        let f = try Fixture("linear")
        let x = Parameter(name: "x", value: try f.tensor("x", dtype: dtype))
        let w = Parameter(name: "w", value: try f.tensor("weight", dtype: dtype))
        let b = Parameter(name: "b", value: try f.tensor("bias", dtype: dtype))
        let tape = Tape()
        let y = tape.variable(x).linear(weight: tape.variable(w), bias: tape.variable(b))
        #expect(relativeError(y.value, try f.tensor("y")) < Self.tolerance)
        tape.backward(y, gradient: try f.tensor("g", dtype: dtype))
        #expect(relativeError(x.grad!, try f.tensor("dx")) < Self.tolerance)
        #expect(relativeError(w.grad!, try f.tensor("dweight")) < Self.tolerance)
        #expect(relativeError(b.grad!, try f.tensor("dbias")) < Self.tolerance)
    }

    @Test("softmax cross-entropy", arguments: DType.allCases)
    func crossEntropy(dtype: DType) throws {
        let f = try Fixture("cross_entropy")
        let z = Parameter(name: "z", value: try f.tensor("logits", dtype: dtype))
        let tape = Tape()
        let loss = tape.variable(z).softmaxCrossEntropy(labels: try f.ints("labels"))
        let expected = try f.double("loss")
        #expect(abs(loss.value[flat: 0] - expected) <= Self.tolerance * abs(expected))
        tape.backward(loss)
        #expect(relativeError(z.grad!, try f.tensor("dlogits")) < Self.tolerance)
    }
}
