import Foundation

extension Variable {
    /// The mean over the batch of −log softmax(self)[label] for logits [N, classes] and one label per row;
    /// a one-element [1] variable.
    public func softmaxCrossEntropy(labels: [Int]) -> Variable {
        precondition(shape.count == 2 && shape[0] == labels.count, "softmaxCrossEntropy: one label per row")
        let classes = shape[1]
        precondition(labels.allSatisfy { $0 >= 0 && $0 < classes }, "softmaxCrossEntropy: label out of range")
        let logits = value.doubleScalars
        var probabilities = [Double](repeating: 0, count: logits.count)
        var loss = 0.0
        for row in 0..<labels.count {
            let base = row * classes
            let largest = logits[base..<base + classes].max() ?? 0
            var total = 0.0
            for c in 0..<classes {
                let e = Foundation.exp(logits[base + c] - largest)
                probabilities[base + c] = e
                total += e
            }
            for c in 0..<classes { probabilities[base + c] /= total }
            loss += largest + Foundation.log(total) - logits[base + labels[row]]
        }
        let output = Tensor(shape: [1], repeating: loss / Double(labels.count), dtype: dtype)
        return tape.record(output, inputs: [self]) {
            SoftmaxCrossEntropyOperation(probabilities: probabilities, labels: labels, classes: classes, dtype: dtype)
        }
    }
}

/// L = mean_b(logsumexp(z_b) − z_b[y_b]). ∂z = (p − onehot)/B · g; L̇ = mean_b(⟨p_b, ż_b⟩ − ż_b[y_b]);
/// R{∂z} = ġ·(p − onehot)/B + g·ṗ/B with ṗ = p ⊙ (ż − ⟨p, ż⟩).
struct SoftmaxCrossEntropyOperation: DifferentiableOperation {
    let probabilities: [Double]
    let labels: [Int]
    let classes: Int
    let dtype: DType

    private var batch: Int { labels.count }

    private func residual(scaledBy factor: Double) -> [Double] {
        var values = probabilities
        for row in 0..<batch { values[row * classes + labels[row]] -= 1 }
        return values.map { $0 * factor }
    }

    private func tensor(_ values: [Double]) -> Tensor {
        Tensor(shape: [batch, classes], doubleScalars: values).converted(to: dtype)
    }

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        [needs[0] ? tensor(residual(scaledBy: gradient[flat: 0] / Double(batch))) : nil]
    }

    func tangent(_ t: [Tensor?]) -> Tensor? {
        guard let zDot = t[0]?.doubleScalars else { return nil }
        var total = 0.0
        for row in 0..<batch {
            for c in 0..<classes { total += probabilities[row * classes + c] * zDot[row * classes + c] }
            total -= zDot[row * classes + labels[row]]
        }
        return Tensor(shape: [1], repeating: total / Double(batch), dtype: dtype)
    }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents t: [Tensor?], needs: [Bool]) -> [Tensor?] {
        guard needs[0] else { return [nil] }
        let g = gradient[flat: 0], gDot = gradientTangent?[flat: 0] ?? 0
        var values = residual(scaledBy: gDot / Double(batch))
        if let zDot = t[0]?.doubleScalars {
            for row in 0..<batch {
                let base = row * classes
                var inner = 0.0
                for c in 0..<classes { inner += probabilities[base + c] * zDot[base + c] }
                for c in 0..<classes {
                    values[base + c] += g / Double(batch) * probabilities[base + c] * (zDot[base + c] - inner)
                }
            }
        }
        return [tensor(values)]
    }
}
