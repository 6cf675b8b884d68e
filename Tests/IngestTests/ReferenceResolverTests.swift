import Testing

@testable import Ingest

/// Pronouns and descriptions resolved to the entity they stand for.
@Suite struct ReferenceResolverTests {
    func references(_ text: String) -> [Reference] {
        guard case .document(let document) = Ingestor().ingest(Array(text.utf8), fileName: "t.txt") else {
            return []
        }
        return document.annotations.references
    }

    @Test func aDescriptionOpeningTheTextStandsForTheTitlesSubject() {
        let found = references(
            """
            Why does Ardent Vale Front fight the Korrin Union?

            Formed in 2011, this militant group is an offshoot of the Northern League operating in Tessaly.

            Since then, Ardent Vale Front has recruited widely.
            """)
        #expect(found == [Reference(sentence: 0, entity: "Ardent Vale Front", text: "this militant group")])
    }

    @Test func aPronounOpeningASentenceStandsForTheFirstCompatibleNameBefore() {
        let found = references(
            """
            Notes

            The Ardmore lighthouse stands on a headland at the mouth of Carrow Bay. It was built in 1867.

            Minister Ann Forde visited Carrow Bay on Monday. She promised repairs.
            """)
        #expect(
            found.contains(Reference(sentence: 1, entity: "Ardmore", text: "It"))
                || found.contains { $0.sentence == 1 && $0.text == "It" && $0.entity != "Ann Forde" }, "\(found)")
        #expect(found.contains(Reference(sentence: 3, entity: "Ann Forde", text: "She")), "\(found)")
    }
}
