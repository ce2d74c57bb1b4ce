package workbook.auth;

/**
 * The handshake failed: the other end gave a wrong answer, refused us, or could not prove it
 * knows the key. The message says which, in words for the user.
 */
final class AuthException extends Exception {

    AuthException(String message) {
        super(message);
    }
}
