import Foundation

/// Every correction in force, in the order made, and the last number given.
public struct CorrectionLog: Sendable, Equatable {
    public private(set) var corrections: [Correction]
    /// The last number given; numbers are never given twice, not even after an undo.
    public private(set) var lastNumber: Int

    public init(corrections: [Correction] = [], lastNumber: Int? = nil) {
        self.corrections = corrections
        self.lastNumber = max(lastNumber ?? 0, corrections.map(\.number).max() ?? 0)
    }

    /// Why a change to the log is refused.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case invalid(String)
        case noSuchCorrection(Int)

        public var description: String {
            switch self {
            case .invalid(let reason): reason
            case .noSuchCorrection(let number): "there is no correction \(number)"
            }
        }
    }

    /// Adds `action` at the end, made by `user` at `time`.
    @discardableResult
    public mutating func append(_ action: CorrectionAction, user: String, at time: Date) throws(Refusal)
        -> Correction
    {
        if let problem = action.problem { throw .invalid(problem) }
        lastNumber += 1
        // The file keeps whole seconds: what is kept is what was made.
        let second = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        let correction = Correction(number: lastNumber, action: action, user: user, at: second)
        corrections.append(correction)
        return correction
    }

    /// Takes back correction `number`; those after it apply again, in order, without it.
    @discardableResult
    public mutating func undo(_ number: Int) throws(Refusal) -> Correction {
        guard let index = corrections.firstIndex(where: { $0.number == number }) else {
            throw .noSuchCorrection(number)
        }
        return corrections.remove(at: index)
    }

    /// The corrections' actions, in order.
    public var actions: [CorrectionAction] { corrections.map(\.action) }

    /// What the corrections make of names.
    public var rules: NameRules { NameRules(actions) }
}
