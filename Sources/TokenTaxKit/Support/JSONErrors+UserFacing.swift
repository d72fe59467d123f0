import JSON

// The JSON module's errors are written for people: the CLI prints them as they are.
extension JSONParseError: UserFacingError {}
extension JSONFieldError: UserFacingError {}
