import Foundation
import Yams

/// A YAML mapping read from a staff-edited file, whose accessors report problems as
/// diagnostics naming the file and the line of the offending value.
struct YAMLMapping {
    let node: Node
    let file: String

    /// Parses `text`; a YAML syntax error becomes a diagnostic with its line.
    static func parse(_ text: String, file: String) throws(ConfigError) -> YAMLMapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            if let tabLine = tabIndentedLine(in: text, near: error.line) {
                throw ConfigError(Diagnostic(.error, file: file, line: tabLine,
                    "tabs are not allowed for indentation in YAML; use spaces"))
            }
            throw ConfigError(Diagnostic(.error, file: file, line: error.line,
                                         "is not valid YAML: \(error.problem)"))
        } catch {
            throw ConfigError(Diagnostic(.error, file: file, "is not valid YAML: \(error)"))
        }
        guard let root, root.mapping != nil else {
            throw ConfigError(Diagnostic(.error, file: file, line: 1, "expected a mapping of keys (key: value)"))
        }
        return YAMLMapping(node: root, file: file)
    }

    var line: Int? { node.mark?.line }

    /// The line a tab in the indentation broke, for a YAML error at `errorLine`: that line
    /// or the one before when indented with a tab (without a line: the first such line).
    /// YAML forbids tabs in indentation and editors insert them unseen; libyaml's own
    /// message ("while scanning for the next token…") does not say so. Valid YAML with a
    /// tab (inside a block scalar) parses, so it never gets here.
    static func tabIndentedLine(in text: String, near errorLine: Int?) -> Int? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        func tabIndented(_ number: Int) -> Bool {
            guard number >= 1, number <= lines.count else { return false }
            return lines[number - 1].prefix { $0 == " " || $0 == "\t" }.contains("\t")
        }
        guard let errorLine else { return (1...max(1, lines.count)).first(where: tabIndented) }
        if tabIndented(errorLine) { return errorLine }
        return tabIndented(errorLine - 1) ? errorLine - 1 : nil
    }

    func fail(_ message: String, at node: Node? = nil) -> ConfigError {
        ConfigError(Diagnostic(.error, file: file, line: (node ?? self.node).mark?.line, message))
    }

    /// Keys present in this mapping, in file order, with their lines.
    var keys: [(key: String, line: Int?)] {
        node.mapping?.map { ($0.key.string ?? "", $0.key.mark?.line) } ?? []
    }

    /// A required text value.
    func string(_ key: String) throws(ConfigError) -> String {
        guard let value = optionalString(key) else {
            throw fail("expected '\(key):' with a text value")
        }
        return value
    }

    /// An optional text value (numbers are taken as their text).
    func optionalString(_ key: String) -> String? {
        guard let value = node[key], let scalar = value.scalar else { return nil }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// An optional whole number.
    func optionalInt(_ key: String) throws(ConfigError) -> Int? {
        guard let value = node[key] else { return nil }
        guard let number = value.int else { throw fail("'\(key)' should be a whole number", at: value) }
        return number
    }

    /// The node of `key`, for its line.
    func node(_ key: String) -> Node? { node[key] }

    /// A nested mapping.
    func mapping(_ key: String) throws(ConfigError) -> YAMLMapping? {
        guard let value = node[key] else { return nil }
        guard value.mapping != nil else { throw fail("'\(key)' should be a mapping of keys", at: value) }
        return YAMLMapping(node: value, file: file)
    }

    /// A list of mappings (e.g. `slots:`), required and non-empty.
    func list(_ key: String) throws(ConfigError) -> [YAMLMapping] {
        guard let value = node[key], let sequence = value.sequence, !sequence.isEmpty else {
            throw fail("expected '\(key):' with a list of entries, each starting with '- '")
        }
        var items: [YAMLMapping] = []
        for item in sequence {
            guard item.mapping != nil else { throw fail("each entry of '\(key)' should be a mapping of keys", at: item) }
            items.append(YAMLMapping(node: item, file: file))
        }
        return items
    }
}

/// A problem in a configuration file that stops what depends on it.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    public var description: String { diagnostic.description }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default: return nil
        }
    }

    var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return description
        }
    }
}
