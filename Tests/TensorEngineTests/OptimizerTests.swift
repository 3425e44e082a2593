import TensorEngine
import Testing

/// SGD, Adam, the cosine schedule and gradient clipping against PyTorch trajectories.
@Suite("Optimisers (PyTorch semantics)")
struct OptimizerTests {
    @Test("SGD and Adam trajectories", arguments: ["sgd_momentum", "sgd_nesterov", "sgd_plain", "adam", "adam_decay"])
    func trajectory(name: String) throws {
        let f = try Fixture("optimizers")
        let grads = try f.tensors("grads")
        let run = try f.child(name)
        let settings = try run.child("settings")
        let parameter = Parameter(name: "p", value: try f.tensor("start"))
        let expected = try run.tensors("trajectory")
        let step: () -> Void
        if name.hasPrefix("sgd") {
            let sgd = SGD(parameters: [parameter], learningRate: try settings.double("lr"),
                          momentum: try settings.double("momentum"), weightDecay: try settings.double("weight_decay"),
                          nesterov: try settings.bool("nesterov"))
            step = sgd.step
        } else {
            let adam = Adam(parameters: [parameter], learningRate: try settings.double("lr"),
                            weightDecay: try settings.double("weight_decay"))
            step = adam.step
        }
        for (gradient, target) in zip(grads, expected) {
            parameter.grad = gradient
            step()
            #expect(relativeError(parameter.value, target) < 1e-5)
        }
    }

    @Test("cosine schedule matches CosineAnnealingLR")
    func cosine() throws {
        let f = try Fixture("optimizers").child("cosine")
        let schedule = CosineSchedule(base: try f.double("base"), minimum: try f.double("minimum"),
                                      totalSteps: try f.int("total"))
        for (step, rate) in try f.doubles("rates").enumerated() {
            #expect(abs(schedule.learningRate(at: step) - rate) < 1e-12)
        }
    }

    @Test("gradient-norm clipping matches clip_grad_norm_")
    func clipping() throws {
        let f = try Fixture("optimizers").child("clip")
        let grads = try f.tensors("grads"), clipped = try f.tensors("clipped")
        let parameters = grads.enumerated().map { index, gradient in
            let parameter = Parameter(name: "p\(index)", value: gradient.zerosLike())
            parameter.grad = gradient
            return parameter
        }
        let norm = GradientClipping.clipNorm(of: parameters, maxNorm: try f.double("max_norm"))
        #expect(abs(norm - (try f.double("norm"))) < 1e-5)
        for (parameter, expected) in zip(parameters, clipped) {
            #expect(relativeError(parameter.grad!, expected) < 1e-5)
        }
    }

    @Test("SGD reduces a quadratic's loss")
    func descends() {
        let parameter = Parameter(name: "p", value: Tensor(shape: [3], scalars: [3, -2, 1]))
        let sgd = SGD(parameters: [parameter], learningRate: 0.1, momentum: 0.9, nesterov: true)
        for _ in 0..<100 {
            parameter.grad = parameter.value.scaled(by: 2)
            sgd.step()
        }
        #expect(parameter.value.squaredNorm() < 1e-4)
    }
}
