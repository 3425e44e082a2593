import Foundation
import ImageData
import NASCore

/// The fixed input batches estimators score with, and the convention that picks them.
///
/// Convention (REFERENCE §3 defaults): a class-stratified held-out split of 500 images per class, drawn with seed
/// 0 from the training images, read in file order without shuffling or augmentation, CIFAR normalisation; the
/// first `batches` batches of `batchSize` images.
public enum ScoringInputs {
    /// Held-out images per class from which the scoring batches are taken.
    public static let heldOutPerClass = 500

    /// Loads the scoring batches from a CIFAR-10 binary file, and the description stored with the scores.
    public static func cifar10Batches(file: URL, batchSize: Int, batches: Int) throws -> (batches: [ImageBatch], description: String) {
        let images = try CIFAR10BinaryReader.read(file)
        let heldOut = images.split(validationPerClass: heldOutPerClass, seed: 0).validation
        guard batchSize * batches <= heldOut.count else {
            throw EstimatorFailure("\(batches) batches of \(batchSize) need \(batchSize * batches) images; the held-out split of \(file.lastPathComponent) has \(heldOut.count)")
        }
        let loader = BatchLoader(data: heldOut, batchSize: batchSize, normalization: .cifar10)
        let description = "cifar10:\(file.lastPathComponent):held-out-\(heldOutPerClass)-per-class-seed-0:first-\(batches)x\(batchSize)"
        return (Array(loader.batches(epoch: 0).prefix(batches)), description)
    }
}
