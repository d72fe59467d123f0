// The JSON module's errors are written for people: the CLI prints them as they are.
extension JSONFieldError: UserFacingError {}
