/// Names and cue words shipped with dossier: no network, no model.
enum Gazetteer {
    /// Countries, and the regions people name like countries.
    static let countries: Set<String> = [
        "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan",
        "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil", "Bulgaria", "Burma", "Cambodia",
        "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Croatia", "Cuba", "Cyprus", "Czechia",
        "Denmark", "Ecuador", "Egypt", "Eritrea", "Estonia", "Ethiopia", "Finland", "France", "Georgia", "Germany",
        "Ghana", "Greece", "Guatemala", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq",
        "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait",
        "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Libya", "Lithuania", "Luxembourg", "Madagascar", "Malaysia", "Mali",
        "Malta", "Mexico", "Moldova", "Mongolia", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal",
        "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "Norway", "Oman", "Pakistan",
        "Palestine", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia",
        "Rwanda", "Saudi Arabia", "Senegal", "Serbia", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa",
        "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Sweden", "Switzerland", "Syria", "Taiwan",
        "Tajikistan", "Tanzania", "Thailand", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
        "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam",
        "Yemen", "Zambia", "Zimbabwe", "England", "Scotland", "Wales", "Britain", "Great Britain", "Europe", "Asia",
        "Africa", "America", "North America", "South America", "Latin America", "Middle East", "Central Asia",
        "South Asia", "Southeast Asia", "Arctic", "Antarctica", "Balkans", "Caucasus", "Kashmir", "Gaza", "West Bank",
        "Crimea", "Donbas", "Kurdistan", "Siberia", "Sahel",
    ]

    /// Major cities.
    static let cities: Set<String> = [
        "Kabul", "Kandahar", "Herat", "Jalalabad", "Mazar-i-Sharif", "Islamabad", "Karachi", "Lahore", "Peshawar",
        "Delhi", "New Delhi", "Mumbai", "Kolkata", "Dhaka", "Kathmandu", "Colombo", "Beijing", "Shanghai", "Hong Kong",
        "Tokyo", "Osaka", "Seoul", "Pyongyang", "Taipei", "Manila", "Jakarta", "Bangkok", "Hanoi", "Ho Chi Minh City",
        "Saigon", "Kuala Lumpur", "Singapore", "Sydney", "Melbourne", "Auckland", "Tehran", "Baghdad", "Mosul",
        "Damascus", "Aleppo", "Beirut", "Amman", "Jerusalem", "Tel Aviv", "Riyadh", "Jeddah", "Mecca", "Doha", "Dubai",
        "Abu Dhabi", "Ankara", "Istanbul", "Cairo", "Alexandria", "Tripoli", "Tunis", "Algiers", "Rabat",
        "Casablanca", "Lagos", "Abuja", "Accra", "Nairobi", "Addis Ababa", "Mogadishu", "Khartoum", "Kinshasa",
        "Johannesburg", "Cape Town", "Moscow", "Saint Petersburg", "Kyiv", "Kiev", "Minsk", "Warsaw", "Krakow",
        "Prague", "Vienna", "Budapest", "Bucharest", "Sofia", "Belgrade", "Athens", "Rome", "Milan", "Madrid",
        "Barcelona", "Lisbon", "Paris", "Lyon", "Marseille", "Brussels", "Amsterdam", "Berlin", "Munich", "Hamburg",
        "Frankfurt", "Zurich", "Geneva", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Dublin", "London",
        "Manchester", "Edinburgh", "Washington", "New York", "Los Angeles", "Chicago", "Houston", "San Francisco",
        "Boston", "Seattle", "Miami", "Toronto", "Montreal", "Vancouver", "Ottawa", "Halifax", "Mexico City",
        "Bogota", "Lima", "Santiago", "Valparaiso", "Buenos Aires", "Sao Paulo", "Rio de Janeiro", "Brasilia",
        "Caracas", "Havana", "Guantanamo",
    ]

    /// Names that always denote an organisation, group or movement.
    static let organisations: Set<String> = [
        "Taliban", "Islamic State", "ISIS", "ISIL", "ISIS-K", "ISKP", "Daesh", "Al-Qaeda", "al-Qaeda", "Al Qaeda",
        "Hamas", "Hezbollah", "Haqqani network", "NATO", "UN", "United Nations", "EU", "European Union", "WHO",
        "IMF", "World Bank", "OPEC", "CIA", "FBI", "NSA", "KGB", "FSB", "MI6", "Pentagon", "Kremlin", "Congress",
        "Senate", "Parliament", "Red Cross", "Amnesty International", "Human Rights Watch", "Reuters", "Insider",
        "BBC", "CNN", "AP", "AFP", "Google", "Apple", "Microsoft", "Amazon", "Meta",
    ]

    /// Words that head an organisation's name: "Asia-Pacific Foundation", "US Central Command".
    static let organisationHeads: Set<String> = [
        "Foundation", "Institute", "Command", "Council", "Agency", "University", "College", "Party", "Army", "Navy",
        "Force", "Forces", "Ministry", "Department", "Organization", "Organisation", "Company", "Corporation", "Corp",
        "Inc", "Ltd", "Bank", "Committee", "Union", "Association", "Authority", "Commission", "Court", "Group",
        "Network", "Movement", "Front", "Brigade", "Brigades", "Service", "Services", "Office", "Bureau", "Center",
        "Centre", "Society", "Federation", "Alliance", "Coalition", "Times", "Post", "News", "Press", "Journal",
        "Agency", "Board", "Assembly", "Government", "Administration", "Fund", "Trust", "Club", "Church", "Museum",
        "Library", "School", "Hospital", "Airlines", "Railway", "Company",
    ]

    /// Lower-case words that make the capitalised word before them an organisation: "the Haqqani network".
    static let lowercaseOrganisationHeads: Set<String> = ["network", "group", "movement", "militia", "clan"]

    /// Titles before a person's name; kept as an alias, dropped from the canonical name.
    static let personTitles: Set<String> = [
        "Dr", "Dr.", "Doctor", "Prof", "Prof.", "Professor", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Sir", "Dame",
        "Lord", "Lady", "General", "Gen", "Gen.", "Colonel", "Col", "Col.", "Major", "Maj", "Captain", "Capt",
        "Lieutenant", "Lt", "Lt.", "Sergeant", "Sgt", "Admiral", "Adm", "Commander", "Marshal", "President",
        "Vice President", "Prime Minister", "Minister", "Secretary", "Senator", "Sen.", "Representative", "Rep.",
        "Governor", "Gov.", "Mayor", "Judge", "Justice", "Ambassador", "King", "Queen", "Prince", "Princess",
        "Emperor", "Pope", "Bishop", "Archbishop", "Rabbi", "Imam", "Sheikh", "Mullah", "Ayatollah", "Chancellor",
        "Director", "Chairman", "Chief", "Commissioner", "Inspector", "Detective", "Officer",
        "Teacher", "Coach", "Nurse", "Councillor", "Councilor", "Reverend", "Rev.", "Pastor", "Father",
    ]

    /// Common first names: a capitalised pair starting with one of these is a person.
    static let firstNames: Set<String> = [
        "Aaron", "Abdul", "Abdullah", "Adam", "Ahmad", "Ahmed", "Aisha", "Alan", "Albert", "Alex", "Alexander",
        "Alice", "Ali", "Amanda", "Amara", "Amir", "Amy", "Andrea", "Andrew", "Angela", "Anna", "Anne", "Anthony",
        "Antonio", "Ashraf", "Barack", "Ben", "Benjamin", "Bill", "Bob", "Boris", "Brian", "Carl", "Carlos", "Caroline",
        "Catherine", "Charles", "Chris", "Christian", "Christina", "Christopher", "Claire", "Daniel", "David", "Diego",
        "Donald", "Edward", "Elena", "Elizabeth", "Emily", "Emma", "Emmanuel", "Eric", "Fatima", "Francis", "Frank",
        "Gabriel", "George", "Hamid", "Hannah", "Hans", "Hassan", "Helen", "Henry", "Hugo", "Hussein", "Ibrahim",
        "Isaac", "Jack", "Jacob", "James", "Jane", "Jean", "Jennifer", "Jessica", "Jim", "Joe", "John", "Jonas",
        "Jonathan", "Jose", "Joseph", "Juan", "Julia", "Karen", "Karl", "Kate", "Kenji", "Kenneth", "Kevin", "Khalid",
        "Kim", "Lars", "Laura", "Leo", "Linda", "Lisa", "Lloyd", "Louis", "Lucy", "Luis", "Mahmoud", "Maria", "Mark",
        "Martin", "Mary", "Matthew", "Mei", "Michael", "Michel", "Mike", "Mohammad", "Mohammed", "Muhammad", "Nancy",
        "Nicolas", "Olaf", "Olga", "Omar", "Oscar", "Patrick", "Paul", "Peter", "Pierre", "Priya", "Rachel", "Rahul",
        "Richard", "Robert", "Roberto", "Sajjan", "Sam", "Samuel", "Sandra", "Sara", "Sarah", "Sergei", "Simon",
        "Sophie", "Stephen", "Steve", "Susan", "Thomas", "Tim", "Tom", "Tomasz", "Tony", "Victor", "Vladimir",
        "Walter", "William", "Xi", "Yusuf", "Zalmay",
    ]

    /// Capitalised words that start sentences but are not names.
    static let capitalisedCommonWords: Set<String> = [
        "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "You", "His",
        "Her", "Their", "Our", "My", "Your", "However", "But", "And", "Or", "So", "Yet", "If", "When", "Where", "Why",
        "How", "What", "Who", "Which", "While", "Since", "After", "Before", "During", "At", "In", "On", "Of", "For",
        "From", "To", "By", "With", "Without", "About", "According", "Formed", "Indirectly", "Is", "Are", "Was",
        "Were", "Do", "Does", "Did", "Has", "Have", "Had", "Will", "Would", "Can", "Could", "Should", "May", "Might",
        "Most", "Many", "Some", "All", "Both", "Each", "Every", "No", "Not", "Also", "Still", "Even", "Then", "There",
        "Here", "Now", "Today", "Yesterday", "Tomorrow", "Meanwhile", "Moreover", "Furthermore", "Although",
        "Though", "Because", "As", "Once", "One", "Two", "Three", "First", "Second", "Last", "Next", "New", "More",
        "Less", "Such", "Other", "Another", "Over", "Under", "Between", "Among", "Against", "Despite", "Through",
        "Until", "Unlike", "Like", "Yes", "Indeed", "Instead", "Thus", "Therefore", "Hence", "Finally", "Only",
        "Just", "Already", "Again", "Always", "Never", "Often", "Sometimes", "Perhaps", "Maybe", "Read", "Share",
        "Watch", "See", "Most Viewed", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Mr", "Mrs", "Ms",
    ]

    static let months: [String: Int] = [
        "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
        "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4,
        "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
    ]

    /// Days of the week, 0 for Sunday.
    static let weekdays: [String: Int] = [
        "Sunday": 0, "Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5, "Saturday": 6,
    ]

    /// Words a quote's speaker does: "X said", "told Insider", "according to X".
    static let speechVerbs: Set<String> = [
        "said", "says", "told", "tells", "added", "adds", "stated", "states", "confirmed", "confirms", "explained",
        "explains", "noted", "notes", "warned", "warns", "wrote", "writes", "argued", "argues", "claimed", "claims",
        "insisted", "insists", "asked", "asks", "replied", "replies", "announced", "announces", "declared", "declares",
        "believes", "believed", "according",
    ]
}
