package com.wispbill.payment.provider;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.PaymentProvider;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The registry of provider adapters: one line per provider. */
public final class ProviderAdapters {
    private final Map<PaymentProvider, ProviderAdapter> adapters = new EnumMap<>(PaymentProvider.class);

    public ProviderAdapters(List<ProviderAdapter> all) {
        for (ProviderAdapter adapter : all) {
            if (adapters.put(adapter.provider(), adapter) != null) {
                throw new IllegalArgumentException("two adapters for " + adapter.provider());
            }
        }
    }

    /** Provider API base URLs; each defaults to the provider's production host and is overridden for local stand-ins. */
    public record Endpoints(URI mpesa, URI paystack, URI stripe, URI midtransSnap, URI midtransApi) {
        /** The providers' production hosts. */
        public static final Endpoints PRODUCTION = new Endpoints(URI.create("https://api.safaricom.co.ke"),
                URI.create("https://api.paystack.co"), URI.create("https://api.stripe.com"), URI.create("https://app.midtrans.com"),
                URI.create("https://api.midtrans.com"));

        /** Every provider on one base URL (the local stand-ins: {@code <base>/mpesa}, {@code <base>/paystack}, ...). */
        public static Endpoints under(URI mpesa, URI paystack, URI stripe, URI midtrans) {
            return new Endpoints(mpesa, paystack, stripe, midtrans, midtrans);
        }
    }

    public static ProviderAdapters create(Endpoints endpoints, ProviderHttp http, Clock clock) {
        return new ProviderAdapters(List.of(
                new MpesaAdapter(endpoints.mpesa(), http, clock),
                new PaystackAdapter(endpoints.paystack(), http),
                new StripeAdapter(endpoints.stripe(), http),
                new MidtransAdapter(endpoints.midtransSnap(), endpoints.midtransApi(), http)));
    }

    public ProviderAdapter get(PaymentProvider provider) {
        ProviderAdapter adapter = adapters.get(provider);
        if (adapter == null) {
            throw new NotFoundException("Payment provider", provider.slug());
        }
        return adapter;
    }
}
