package dev.landfall.store.redis;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS sockets that trust the CA certificates of one PEM file ({@code cacert=}) instead of the
 * JVM's trust store: how a server with a private CA, as managed Redis services and self-hosted
 * ones have, is reached without changing the JVM. The host name is still verified.
 */
final class PemTrust {
    private PemTrust() {}

    /**
     * @param label the store URI, password masked, for messages
     * @throws LandfallException USAGE when the file is missing, unreadable or holds no certificate
     */
    static SSLSocketFactory socketFactory(Path pem, String label) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw LandfallException.usage(
                    "store " + label + ": cannot read cacert file " + pem
                            + (e instanceof java.nio.file.NoSuchFileException
                                    ? ": no such file"
                                    : e instanceof java.nio.file.AccessDeniedException
                                            ? ": permission denied"
                                            : ": " + e.getMessage()),
                    "check the path and its permissions");
        } catch (CertificateException e) {
            throw notPem(pem, label);
        }
        if (certificates.isEmpty()) {
            throw notPem(pem, label);
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                trusted.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw LandfallException.internal("setting up TLS with " + pem + " failed", e);
        }
    }

    private static LandfallException notPem(Path pem, String label) {
        return LandfallException.usage(
                "store " + label + ": cacert file " + pem + " holds no PEM certificate",
                "give the CA certificate in PEM form (-----BEGIN CERTIFICATE-----), e.g. the ca.crt of the server's"
                        + " CA");
    }
}
