import Estimators
import ImageData
import NASCore
import Networks
import SearchSpaces
import TensorEngine
import Testing

/// Properties every catalog entry must have, checked on tiny networks (C=4, N=1) and seeded synthetic images.
@Suite("Estimator catalog conformance")
struct CatalogConformanceTests {
    /// Tiny networks so each score takes milliseconds.
    static var options: EstimatorOptions {
        var options = EstimatorOptions()
        options.channels = 4
        options.cellsPerStage = 1
        options.batchSize = 12
        options.batches = 2
        options.dataDescription = "synthetic:seed-5"
        return options
    }

    /// Two batches of 12 seeded random 8x8 images.
    static let context: ScoringContext = {
        var generator = SeededGenerator(seed: 5)
        let count = 24
        let pixels = (0..<(count * 3 * 8 * 8)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let labels = (0..<count).map { Int32($0 % 10) }
        let images = LabeledImages(pixels: pixels, labels: labels, channels: 3, height: 8, width: 8, classCount: 10)
        let loader = BatchLoader(data: images, batchSize: 12, normalization: .cifar10)
        return ScoringContext(dataset: .cifar10, batches: loader.batches(epoch: 0))
    }()

    static let architectures = [
        "|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|",
        "|nor_conv_1x1~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|avg_pool_3x3~0|skip_connect~1|nor_conv_3x3~2|",
    ]

    @Test("ids are unique, lowercase and stable; every estimator of the issue is listed")
    func identifiers() {
        let ids = EstimatorCatalog.entries.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        for id in ["relu_logdet", "jacob_cov", "synflow", "snip", "grad_norm", "grasp", "fisher", "plain", "params", "flops"] {
            #expect(EstimatorCatalog.entry(id)?.make(Self.options).id == id)
        }
    }

    @Test("finite scores, deterministic for a seed, different for another seed", arguments: EstimatorCatalog.entries.map(\.id))
    func deterministic(id: String) throws {
        let entry = try #require(EstimatorCatalog.entry(id))
        for arch in Self.architectures {
            let architecture = try NB201Architecture(archString: arch)
            let first = try entry.make(Self.options).score(architecture, context: Self.context)
            let second = try entry.make(Self.options).score(architecture, context: Self.context)
            #expect(first.isFinite)
            #expect(first == second)
            var reseeded = Self.options
            reseeded.seed = 99
            let other = try entry.make(reseeded).score(architecture, context: Self.context)
            if id == "params" || id == "flops" { #expect(other == first) } else { #expect(other != first, "\(id)") }
        }
    }

    @Test("settings record every option that changes the score", arguments: EstimatorCatalog.entries.map(\.id))
    func settingsRecordOptions(id: String) throws {
        let entry = try #require(EstimatorCatalog.entry(id))
        let architecture = try NB201Architecture(archString: Self.architectures[0])
        let base = entry.make(Self.options)
        let baseScore = try base.score(architecture, context: Self.context)
        var variants: [EstimatorOptions] = []
        var options = Self.options
        options.seed = 3; variants.append(options)
        options = Self.options; options.initialization = .nb201; variants.append(options)
        options = Self.options; options.channels = 6; variants.append(options)
        options = Self.options; options.jacobianOutput = .labelLogit; variants.append(options)
        options = Self.options; options.synflowLogarithm = true; variants.append(options)
        options = Self.options; options.batches = 1; variants.append(options)
        for variant in variants {
            let estimator = entry.make(variant)
            let context = variant.batches == 1 ? ScoringContext(dataset: .cifar10, batches: [Self.context.batches[0]]) : Self.context
            let score = try estimator.score(architecture, context: context)
            if score != baseScore {
                #expect(estimator.settings != base.settings, "\(id): a changed score needs changed settings")
            }
        }
    }

    @Test("the score over several batches is the mean of the per-batch scores",
          arguments: ["relu_logdet", "jacob_cov", "snip", "grad_norm", "plain", "fisher", "grasp"])
    func batchMean(id: String) throws {
        let entry = try #require(EstimatorCatalog.entry(id))
        let architecture = try NB201Architecture(archString: Self.architectures[1])
        let estimator = entry.make(Self.options)
        let both = try estimator.score(architecture, context: Self.context)
        let single = try Self.context.batches.map {
            try estimator.score(architecture, context: ScoringContext(dataset: .cifar10, batches: [$0]))
        }
        #expect(relativeDifference(both, (single[0] + single[1]) / 2) < 1e-12)
    }

    @Test("snip, grad_norm and plain scored jointly equal their separate scores; others pass through")
    func jointScoring() throws {
        let ids = ["snip", "relu_logdet", "grad_norm", "plain", "synflow"]
        let estimators = ids.map { EstimatorCatalog.entry($0)!.make(Self.options) }
        for arch in Self.architectures {
            let architecture = try NB201Architecture(archString: arch)
            let joint = JointScoring(estimators).scores(architecture, context: Self.context)
            for (estimator, outcome) in zip(estimators, joint) {
                let separate = try estimator.score(architecture, context: Self.context)
                #expect(try outcome?.get() == separate, "\(estimator.id)")
            }
            let partial = JointScoring(estimators).scores(architecture, context: Self.context, including: [0, 4])
            #expect(partial.map { $0 != nil } == [true, false, false, false, true])
        }
    }

    @Test("undefined scores are failures with a reason: no path from input to output")
    func failures() throws {
        let disconnected = try NB201Architecture(archString: "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|none~0|none~1|none~2|")
        // Over every ReLU (the references' choice) the discarded edges still see the images: a finite score.
        #expect(try NASWOT(options: Self.options).score(disconnected, context: Self.context).isFinite)
        var live = Self.options
        live.reluSelection = .live
        let naswot = NASWOT(options: live)
        #expect { try naswot.score(disconnected, context: Self.context) } throws: { error in
            (error as? EstimatorFailure)?.reason.contains("singular") == true
        }
        #expect { try JacobianCovariance(options: Self.options).score(disconnected, context: Self.context) } throws: { error in
            (error as? EstimatorFailure)?.reason.contains("jacob_cov") == true
        }
        #expect(try SynFlow(options: Self.options).score(disconnected, context: Self.context) == 0)
        var logarithm = Self.options
        logarithm.synflowLogarithm = true
        #expect(throws: EstimatorFailure.self) { try SynFlow(options: logarithm).score(disconnected, context: Self.context) }
        let empty = ScoringContext(dataset: .cifar10, batches: [])
        #expect { try naswot.score(disconnected, context: empty) } throws: { error in
            (error as? EstimatorFailure)?.reason.contains("needs input batches") == true
        }
    }

    @Test("pytorch initialisation: U(±1/√fan_in) convolutions; nb201 keeps the network's Kaiming-normal weights")
    func initialization() throws {
        let architecture = try NB201Architecture(archString: Self.architectures[1])
        var options = EstimatorOptions()
        let pytorch = options.network(for: architecture, dataset: .cifar10)
        options.initialization = .nb201
        let nb201 = options.network(for: architecture, dataset: .cifar10)
        let reference = NB201Network(architecture: architecture, configuration: NB201NetworkConfiguration(
            classCount: 10, cellBatchNormAffine: false), seed: 0)
        for (index, weight) in pytorch.convolutionAndLinearWeights.enumerated() where weight.shape.count == 4 {
            let bound = 1 / Double(weight.shape.dropFirst().reduce(1, *)).squareRoot()
            let values = weight.value.doubleScalars
            #expect(values.allSatisfy { abs($0) <= bound })
            let variance = values.reduce(0) { $0 + $1 * $1 } / Double(values.count)
            if values.count >= 2000 { #expect(abs(variance / (bound * bound / 3) - 1) < 0.1, "\(weight.name)") }
            #expect(nb201.convolutionAndLinearWeights[index].value.doubleScalars
                    == reference.convolutionAndLinearWeights[index].value.doubleScalars)
        }
    }
}
