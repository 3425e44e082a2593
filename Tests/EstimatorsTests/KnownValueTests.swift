import Estimators
import Foundation
import Networks
import SearchSpaces
import TensorEngine
import Testing

/// Every estimator against the PyTorch reference recipes (scripts/generate_estimator_fixtures.py) on tiny NB201
/// networks with the same weights and batch: float64 to 1e-8, and the production float32 path to 1e-3.
@Suite("Estimators match the PyTorch reference recipes")
struct KnownValueTests {
    static let options = EstimatorOptions()

    @Test("relu_logdet: K equals the reference kernel exactly, over every ReLU and over the live ones",
          arguments: ReferenceFixture.cases)
    func reluKernel(name: String) throws {
        let fixture = try ReferenceFixture(name)
        for (selection, key) in [(NASWOT.ReLUSelection.all, "all"), (.live, "live")] {
            var options = Self.options
            options.reluSelection = selection
            let estimator = NASWOT(options: options)
            let network = try fixture.network(dtype: .float64, everyEdge: selection == .all)
            let kernel = try estimator.kernelMatrix(network: network, images: fixture.imageTensor(.float64))
            let expected = try fixture.group.dataset("relu_kernel_\(key)").read(Double.self).values
            #expect(kernel.entries == expected, "\(key)")
            let reference = try fixture.value("relu_logdet_\(key)")
            if reference.isFinite {
                let score = try estimator.score(network: network, images: fixture.imageTensor(.float64))
                #expect(relativeDifference(score, reference) < 1e-10, "\(key)")
            } else {
                #expect(throws: EstimatorFailure.self) {
                    try estimator.score(network: network, images: fixture.imageTensor(.float64))
                }
            }
        }
    }

    @Test("every-edge evaluation changes no score but relu_logdet's", arguments: ReferenceFixture.cases)
    func everyEdge(name: String) throws {
        let fixture = try ReferenceFixture(name)
        let images = fixture.imageTensor(.float64)
        let live = WeightGradients(network: try fixture.network(dtype: .float64), images: images, labels: fixture.labels)
        let every = WeightGradients(network: try fixture.network(dtype: .float64, everyEdge: true), images: images,
                                    labels: fixture.labels)
        let snip = SNIP(options: Self.options)
        #expect(relativeDifference(snip.score(live), snip.score(every)) < 1e-12)
    }

    @Test("jacob_cov with summed and label logits", arguments: ReferenceFixture.cases)
    func jacobianCovariance(name: String) throws {
        let fixture = try ReferenceFixture(name)
        for (output, key) in [(JacobianCovariance.Output.summedLogits, "jacob_cov_summed"), (.labelLogit, "jacob_cov_label")] {
            var options = Self.options
            options.jacobianOutput = output
            let estimator = JacobianCovariance(options: options)
            let network = try fixture.network(dtype: .float64)
            let reference = try fixture.value(key)
            if reference.isNaN {
                #expect(throws: EstimatorFailure.self) {
                    try estimator.score(network: network, images: fixture.imageTensor(.float64), labels: fixture.labels)
                }
                continue
            }
            let score = try estimator.score(network: network, images: fixture.imageTensor(.float64), labels: fixture.labels)
            #expect(relativeDifference(score, reference) < 1e-8, "\(key): \(score) vs \(reference)")
        }
        let jacobian = try JacobianCovariance(options: Self.options).jacobian(
            network: fixture.network(dtype: .float64), images: fixture.imageTensor(.float64), labels: fixture.labels)
        let expected = try fixture.group.dataset("jacobian_summed").read(Double.self).values
        let scale = expected.map(abs).max()!
        #expect(zip(jacobian.doubleScalars, expected).allSatisfy { abs($0 - $1) <= 1e-10 * scale })
    }

    @Test("synflow", arguments: ReferenceFixture.cases)
    func synflow(name: String) throws {
        let fixture = try ReferenceFixture(name)
        let network = try fixture.network(dtype: .float64, batchNormRemoved: true)
        let score = SynFlow.synapticFlow(network: network, imageSize: fixture.imageShape[2])
        #expect(relativeDifference(score, try fixture.value("synflow"), floor: 1e-30) < 1e-10)
    }

    @Test("snip, grad_norm and plain from one backward pass", arguments: ReferenceFixture.cases)
    func weightGradients(name: String) throws {
        let fixture = try ReferenceFixture(name)
        let gradients = WeightGradients(network: try fixture.network(dtype: .float64),
                                        images: fixture.imageTensor(.float64), labels: fixture.labels)
        let estimators: [(any WeightGradientEstimator, String)] = [
            (SNIP(options: Self.options), "snip"), (GradNorm(options: Self.options), "grad_norm"),
            (Plain(options: Self.options), "plain"),
        ]
        for (estimator, key) in estimators {
            #expect(relativeDifference(estimator.score(gradients), try fixture.value(key)) < 1e-9, "\(key)")
        }
    }

    @Test("fisher", arguments: ReferenceFixture.cases)
    func fisher(name: String) throws {
        let fixture = try ReferenceFixture(name)
        let score = Fisher(options: Self.options).score(network: try fixture.network(dtype: .float64),
                                                        images: fixture.imageTensor(.float64), labels: fixture.labels)
        #expect(relativeDifference(score, try fixture.value("fisher")) < 1e-9, "\(score)")
    }

    @Test("grasp", arguments: ReferenceFixture.cases)
    func grasp(name: String) throws {
        let fixture = try ReferenceFixture(name)
        let score = GraSP(options: Self.options).score(network: try fixture.network(dtype: .float64),
                                                       images: fixture.imageTensor(.float64), labels: fixture.labels)
        #expect(relativeDifference(score, try fixture.value("grasp")) < 1e-8, "\(score)")
    }

    @Test("the production float32 path agrees to 1e-3", arguments: ["mixed", "all_conv3x3", "dangling"])
    func float32(name: String) throws {
        let fixture = try ReferenceFixture(name)
        let images = fixture.imageTensor(.float32)
        let labels = fixture.labels
        let naswot = try NASWOT(options: Self.options).score(network: fixture.network(dtype: .float32, everyEdge: true),
                                                             images: images)
        #expect(relativeDifference(naswot, try fixture.value("relu_logdet_all")) < 1e-3)
        let jacob = try JacobianCovariance(options: Self.options).score(
            network: fixture.network(dtype: .float32), images: images, labels: labels)
        #expect(relativeDifference(jacob, try fixture.value("jacob_cov_summed")) < 1e-3)
        let gradients = WeightGradients(network: try fixture.network(dtype: .float32), images: images, labels: labels)
        #expect(relativeDifference(SNIP(options: Self.options).score(gradients), try fixture.value("snip")) < 1e-3)
        #expect(relativeDifference(GradNorm(options: Self.options).score(gradients), try fixture.value("grad_norm")) < 1e-3)
        let fisher = Fisher(options: Self.options).score(network: try fixture.network(dtype: .float32), images: images, labels: labels)
        #expect(relativeDifference(fisher, try fixture.value("fisher")) < 1e-3)
        let grasp = GraSP(options: Self.options).score(network: try fixture.network(dtype: .float32), images: images, labels: labels)
        #expect(relativeDifference(grasp, try fixture.value("grasp"), floor: 1e-2) < 1e-2)
    }
}
