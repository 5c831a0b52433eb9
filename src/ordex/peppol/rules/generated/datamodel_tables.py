"""The data model tables (structure rules) of the OpenPeppol rule release 2026.5.

GENERATED: do not edit by hand; adopt a new release with the same command
(README: "Adopting a new Peppol rule release"):

    python tools/import_rules.py ../shared/peppol-ordering/schematron/release-2026.5 --name 2026.5 --bis 3.0.17
"""

from __future__ import annotations

RELEASE = '2026.5'

TABLES: dict[str, str] = {}

TABLES["T01"] = """
/
    B00101 requires cbc:CustomizationID
    B00102 requires cbc:ProfileID
    B00103 requires cbc:ID
    B00104 requires cbc:IssueDate
    B00105 requires cbc:DocumentCurrencyCode
    B00106 requires cac:BuyerCustomerParty
    B00107 requires cac:SellerSupplierParty
    B00108 requires cac:OrderLine
    B00109 no-schema-location
    B00110 allows cbc:CustomizationID cbc:ProfileID cbc:ID cbc:SalesOrderID cbc:IssueDate
        cbc:IssueTime cbc:OrderTypeCode cbc:Note cbc:DocumentCurrencyCode cbc:CustomerReference
        cbc:AccountingCost cac:ValidityPeriod cac:QuotationDocumentReference
        cac:OrderDocumentReference cac:OriginatorDocumentReference cac:CatalogueReference
        cac:AdditionalDocumentReference cac:Contract cac:ProjectReference cac:BuyerCustomerParty
        cac:SellerSupplierParty cac:OriginatorCustomerParty cac:AccountingCustomerParty cac:Delivery
        cac:DeliveryTerms cac:PaymentTerms cac:AllowanceCharge cac:TaxTotal
        cac:AnticipatedMonetaryTotal cac:OrderLine
cbc:OrderTypeCode
    B00801 code-list text UNCL1001_T01
cbc:DocumentCurrencyCode
    B01001 code-list text ISO4217
cac:ValidityPeriod
    B01301 requires cbc:EndDate
    B01302 allows cbc:EndDate
cac:QuotationDocumentReference
    B01501 requires cbc:ID
    B01502 allows cbc:ID
cac:OrderDocumentReference
    B01701 requires cbc:ID
    B01702 allows cbc:ID
cac:OriginatorDocumentReference
    B01901 requires cbc:ID
    B01902 allows cbc:ID
cac:CatalogueReference
    B02101 requires cbc:ID
    B02102 allows cbc:ID
cac:AdditionalDocumentReference
    B02301 requires cbc:ID
    B02302 allows cbc:ID cbc:DocumentType cac:Attachment
cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject
    B02701 requires @mimeCode
    B02702 code-list @mimeCode MIME_CODE
    B02703 requires @filename
cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference
    B03001 requires cbc:URI
    B03002 allows cbc:URI
cac:AdditionalDocumentReference/cac:Attachment
    B02601 allows cbc:EmbeddedDocumentBinaryObject cac:ExternalReference
cac:Contract
    B03201 requires cbc:ID
    B03202 allows cbc:ID
cac:ProjectReference
    B03401 requires cbc:ID
    B03402 allows cbc:ID
cac:BuyerCustomerParty
    B03601 requires cac:Party
    B03602 allows cac:Party
cac:BuyerCustomerParty/cac:Party
    B03701 requires cbc:EndpointID
    B03702 requires cac:PartyLegalEntity
    B03703 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyTaxScheme cac:PartyLegalEntity cac:Contact
cac:BuyerCustomerParty/cac:Party/cbc:EndpointID
    B03801 requires @schemeID
    B03802 code-list @schemeID EAS
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification
    B04001 requires cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B04101 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyName
    B04301 requires cbc:Name
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress
    B04501 requires cac:Country
    B04502 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country
    B05301 requires cbc:IdentificationCode
    B05302 allows cbc:IdentificationCode
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B05401 code-list text ISO3166
cac:BuyerCustomerParty/cac:Party/cac:PartyTaxScheme
    B05501 requires cbc:CompanyID
    B05502 requires cac:TaxScheme
    B05503 allows cbc:CompanyID cac:TaxScheme
cac:BuyerCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme
    B05701 requires cbc:ID
    B05702 allows cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity
    B05901 requires cbc:RegistrationName
    B05902 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B06101 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B06301 requires cac:Country
    B06302 allows cbc:CityName cac:Country
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B06501 requires cbc:IdentificationCode
    B06502 allows cbc:IdentificationCode
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B06601 code-list text ISO3166
cac:BuyerCustomerParty/cac:Party/cac:Contact
    B06701 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:SellerSupplierParty
    B07101 requires cac:Party
    B07102 allows cac:Party
cac:SellerSupplierParty/cac:Party
    B07201 requires cbc:EndpointID
    B07202 requires cac:PostalAddress
    B07203 requires cac:PartyLegalEntity
    B07204 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyLegalEntity cac:Contact
cac:SellerSupplierParty/cac:Party/cbc:EndpointID
    B07301 requires @schemeID
    B07302 code-list @schemeID EAS
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification
    B07501 requires cbc:ID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID
    B07601 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyName
    B07801 requires cbc:Name
cac:SellerSupplierParty/cac:Party/cac:PostalAddress
    B08001 requires cac:Country
    B08002 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country
    B08801 requires cbc:IdentificationCode
    B08802 allows cbc:IdentificationCode
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B08901 code-list text ISO3166
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity
    B09001 requires cbc:RegistrationName
    B09002 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B09201 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B09401 requires cac:Country
    B09402 allows cbc:CityName cac:Country
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B09601 requires cbc:IdentificationCode
    B09602 allows cbc:IdentificationCode
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B09701 code-list text ISO3166
cac:SellerSupplierParty/cac:Party/cac:Contact
    B09801 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:OriginatorCustomerParty
    B10201 requires cac:Party
    B10202 allows cac:Party
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification
    B10401 requires cbc:ID
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B10501 code-list @schemeID ICD
cac:OriginatorCustomerParty/cac:Party/cac:PartyName
    B10701 requires cbc:Name
cac:OriginatorCustomerParty/cac:Party/cac:Contact
    B10901 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:OriginatorCustomerParty/cac:Party
    B10301 allows cac:PartyIdentification cac:PartyName cac:Contact
cac:AccountingCustomerParty
    B11301 requires cac:Party
    B11302 allows cac:Party
cac:AccountingCustomerParty/cac:Party
    B11401 requires cac:PostalAddress
    B11402 requires cac:PartyLegalEntity
    B11403 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyTaxScheme cac:PartyLegalEntity cac:Contact
cac:AccountingCustomerParty/cac:Party/cbc:EndpointID
    B11501 requires @schemeID
    B11502 code-list @schemeID EAS
cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification
    B11701 requires cbc:ID
cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B11801 code-list @schemeID ICD
cac:AccountingCustomerParty/cac:Party/cac:PartyName
    B12001 requires cbc:Name
cac:AccountingCustomerParty/cac:Party/cac:PostalAddress
    B12201 requires cac:Country
    B12202 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country
    B13001 requires cbc:IdentificationCode
    B13002 allows cbc:IdentificationCode
cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B13101 code-list text ISO3166
cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme
    B13201 requires cbc:CompanyID
    B13202 requires cac:TaxScheme
    B13203 allows cbc:CompanyID cac:TaxScheme
cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme
    B13401 requires cbc:ID
    B13402 allows cbc:ID
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity
    B13601 requires cbc:RegistrationName
    B13602 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B13801 code-list @schemeID ICD
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B14001 requires cac:Country
    B14002 allows cbc:CityName cac:Country
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B14201 requires cbc:IdentificationCode
    B14202 allows cbc:IdentificationCode
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B14301 code-list text ISO3166
cac:AccountingCustomerParty/cac:Party/cac:Contact
    B14401 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:Delivery/cac:DeliveryLocation
    B14901 requires cac:Address
    B14902 allows cbc:ID cbc:Name cac:Address
cac:Delivery/cac:DeliveryLocation/cbc:ID
    B15001 code-list @schemeID ICD
cac:Delivery/cac:DeliveryLocation/cac:Address
    B15301 requires cac:Country
    B15302 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:Delivery/cac:DeliveryLocation/cac:Address/cac:AddressLine
    B15901 requires cbc:Line
cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country
    B16101 requires cbc:IdentificationCode
    B16102 allows cbc:IdentificationCode
cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode
    B16201 code-list text ISO3166
cac:Delivery/cac:RequestedDeliveryPeriod
    B16301 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:Delivery/cac:DeliveryParty
    B16801 requires cac:PartyName
    B16802 allows cac:PartyIdentification cac:PartyName cac:PostalAddress cac:Contact
cac:Delivery/cac:DeliveryParty/cac:PartyIdentification
    B16901 requires cbc:ID
cac:Delivery/cac:DeliveryParty/cac:PartyIdentification/cbc:ID
    B17001 code-list @schemeID ICD
cac:Delivery/cac:DeliveryParty/cac:PartyName
    B17201 requires cbc:Name
cac:Delivery/cac:DeliveryParty/cac:PostalAddress
    B17401 requires cac:Country
    B17402 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:AddressLine
    B18001 requires cbc:Line
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:Country
    B18201 requires cbc:IdentificationCode
    B18202 allows cbc:IdentificationCode
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B18301 code-list text ISO3166
cac:Delivery/cac:DeliveryParty/cac:Contact
    B18401 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:Delivery/cac:Despatch
    B18801 requires cbc:RequestedDespatchDate
    B18802 allows cbc:RequestedDespatchDate cbc:RequestedDespatchTime
cac:Delivery/cac:Shipment
    B19101 requires cbc:ID
    B19102 allows cbc:ID cbc:ShippingPriorityLevelCode cac:TransportHandlingUnit
cac:Delivery/cac:Shipment/cbc:ShippingPriorityLevelCode
    B19301 code-list text UNCL4219
cac:Delivery/cac:Shipment/cac:TransportHandlingUnit
    B19401 allows cbc:ShippingMarks
cac:Delivery
    B14801 allows cac:DeliveryLocation cac:RequestedDeliveryPeriod cac:DeliveryParty
        cac:Despatch cac:Shipment
cac:DeliveryTerms/cac:DeliveryLocation
    B19901 requires cbc:ID
    B19902 allows cbc:ID
cac:DeliveryTerms
    B19601 allows cbc:ID cbc:SpecialTerms cac:DeliveryLocation
cac:PaymentTerms
    B20101 requires cbc:Note
    B20102 allows cbc:Note
cac:AllowanceCharge
    B20301 requires cbc:ChargeIndicator
    B20302 requires cbc:AllowanceChargeReason
    B20303 requires cbc:Amount
    B20304 allows cbc:ChargeIndicator cbc:AllowanceChargeReasonCode cbc:AllowanceChargeReason
        cbc:MultiplierFactorNumeric cbc:Amount cbc:BaseAmount cac:TaxCategory
cac:AllowanceCharge/cbc:ChargeIndicator
    B20401 code-list text TRUE_FALSE
cac:AllowanceCharge/cbc:AllowanceChargeReasonCode
    B20501 code-list text UNCL5189 UNCL7161
cac:AllowanceCharge/cbc:Amount
    B20801 requires @currencyID
    B20802 code-list @currencyID ISO4217
cac:AllowanceCharge/cbc:BaseAmount
    B21001 requires @currencyID
    B21002 code-list @currencyID ISO4217
cac:AllowanceCharge/cac:TaxCategory
    B21201 requires cbc:ID
    B21202 requires cac:TaxScheme
    B21203 allows cbc:ID cbc:Percent cac:TaxScheme
cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme
    B21501 requires cbc:ID
    B21502 allows cbc:ID
cac:TaxTotal
    B21701 requires cbc:TaxAmount
    B21702 allows cbc:TaxAmount
cac:TaxTotal/cbc:TaxAmount
    B21801 requires @currencyID
    B21802 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal
    B22001 requires cbc:LineExtensionAmount
    B22002 requires cbc:PayableAmount
    B22003 allows cbc:LineExtensionAmount cbc:TaxExclusiveAmount cbc:TaxInclusiveAmount
        cbc:AllowanceTotalAmount cbc:ChargeTotalAmount cbc:PrepaidAmount cbc:PayableRoundingAmount
        cbc:PayableAmount
cac:AnticipatedMonetaryTotal/cbc:LineExtensionAmount
    B22101 requires @currencyID
    B22102 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:TaxExclusiveAmount
    B22301 requires @currencyID
    B22302 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:TaxInclusiveAmount
    B22501 requires @currencyID
    B22502 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:AllowanceTotalAmount
    B22701 requires @currencyID
    B22702 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:ChargeTotalAmount
    B22901 requires @currencyID
    B22902 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:PrepaidAmount
    B23101 requires @currencyID
    B23102 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:PayableRoundingAmount
    B23301 requires @currencyID
    B23302 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:PayableAmount
    B23501 requires @currencyID
    B23502 code-list @currencyID ISO4217
cac:OrderLine
    B23701 requires cac:LineItem
    B23702 allows cbc:Note cac:LineItem cac:QuotationLineReference
cac:OrderLine/cac:LineItem
    B23901 requires cbc:ID
    B23902 requires cbc:Quantity
    B23903 requires cac:Item
    B23904 allows cbc:ID cbc:Quantity cbc:LineExtensionAmount cbc:PartialDeliveryIndicator
        cbc:AccountingCost cac:Delivery cac:OriginatorParty cac:AllowanceCharge cac:Price cac:Item
cac:OrderLine/cac:LineItem/cbc:Quantity
    B24101 requires @unitCode
    B24102 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cbc:LineExtensionAmount
    B24301 requires @currencyID
    B24302 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cbc:PartialDeliveryIndicator
    B24501 code-list text TRUE_FALSE
cac:OrderLine/cac:LineItem/cac:Delivery
    B24701 requires cac:RequestedDeliveryPeriod
    B24702 allows cbc:ID cac:DeliveryLocation cac:RequestedDeliveryPeriod
cac:OrderLine/cac:LineItem/cac:Delivery/cbc:ID
    B24801 code-list @schemeID ICD
cac:OrderLine/cac:LineItem/cac:Delivery/cac:DeliveryLocation
    B25001 requires cac:Address
    B25002 allows cbc:Name cac:Address
cac:OrderLine/cac:LineItem/cac:Delivery/cac:DeliveryLocation/cac:Address
    B25201 requires cac:Country
    B25202 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:OrderLine/cac:LineItem/cac:Delivery/cac:DeliveryLocation/cac:Address/cac:AddressLine
    B25801 requires cbc:Line
cac:OrderLine/cac:LineItem/cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country
    B26001 requires cbc:IdentificationCode
    B26002 allows cbc:IdentificationCode
cac:OrderLine/cac:LineItem/cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode
    B26101 code-list text ISO3166
cac:OrderLine/cac:LineItem/cac:Delivery/cac:RequestedDeliveryPeriod
    B26201 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:OrderLine/cac:LineItem/cac:OriginatorParty/cac:PartyIdentification
    B26801 requires cbc:ID
cac:OrderLine/cac:LineItem/cac:OriginatorParty/cac:PartyIdentification/cbc:ID
    B26901 code-list @schemeID ICD
cac:OrderLine/cac:LineItem/cac:OriginatorParty/cac:PartyName
    B27101 requires cbc:Name
cac:OrderLine/cac:LineItem/cac:OriginatorParty
    B26701 allows cac:PartyIdentification cac:PartyName
cac:OrderLine/cac:LineItem/cac:AllowanceCharge
    B27301 requires cbc:ChargeIndicator
    B27302 requires cbc:Amount
    B27303 allows cbc:ChargeIndicator cbc:AllowanceChargeReasonCode cbc:AllowanceChargeReason
        cbc:MultiplierFactorNumeric cbc:Amount cbc:BaseAmount
cac:OrderLine/cac:LineItem/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode
    B27501 code-list text UNCL5189 UNCL7161
cac:OrderLine/cac:LineItem/cac:AllowanceCharge/cbc:Amount
    B27801 requires @currencyID
    B27802 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:AllowanceCharge/cbc:BaseAmount
    B28001 requires @currencyID
    B28002 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price
    B28201 requires cbc:PriceAmount
    B28202 allows cbc:PriceAmount cbc:BaseQuantity cac:AllowanceCharge
cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount
    B28301 requires @currencyID
    B28302 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cbc:BaseQuantity
    B28501 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge
    B28701 requires cbc:ChargeIndicator
    B28702 requires cbc:Amount
    B28703 allows cbc:ChargeIndicator cbc:Amount cbc:BaseAmount
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:ChargeIndicator
    B28801 fixed false
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:Amount
    B28901 requires @currencyID
    B28902 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:BaseAmount
    B29101 requires @currencyID
    B29102 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Item
    B29301 requires cbc:Name
    B29302 allows cbc:Description cbc:Name cac:BuyersItemIdentification
        cac:SellersItemIdentification cac:ManufacturersItemIdentification
        cac:StandardItemIdentification cac:ItemSpecificationDocumentReference
        cac:CommodityClassification cac:ClassifiedTaxCategory cac:AdditionalItemProperty
        cac:ItemInstance
cac:OrderLine/cac:LineItem/cac:Item/cac:BuyersItemIdentification
    B29601 requires cbc:ID
    B29602 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:SellersItemIdentification
    B29801 requires cbc:ID
    B29802 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:ManufacturersItemIdentification
    B30001 requires cbc:ID
    B30002 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification
    B30201 requires cbc:ID
    B30202 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification/cbc:ID
    B30301 requires @schemeID
    B30302 code-list @schemeID ICD
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemSpecificationDocumentReference
    B30501 requires cbc:ID
    B30502 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode
    B30801 requires @listID
    B30802 code-list @listID UNCL7143
cac:OrderLine/cac:LineItem/cac:Item/cac:CommodityClassification
    B30701 allows cbc:ItemClassificationCode
cac:OrderLine/cac:LineItem/cac:Item/cac:ClassifiedTaxCategory
    B31201 requires cbc:ID
    B31202 requires cac:TaxScheme
    B31203 allows cbc:ID cbc:Percent cac:TaxScheme
cac:OrderLine/cac:LineItem/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme
    B31501 requires cbc:ID
    B31502 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty
    B31701 requires cbc:Name
    B31702 requires cbc:Value
    B31703 allows cbc:ID cbc:Name cbc:NameCode cbc:Value cbc:ValueQuantity cbc:ValueQualifier
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty/cbc:NameCode
    B32301 requires @listID
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity
    B32601 requires @unitCode
    B32602 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemInstance/cac:LotIdentification
    B33101 allows cbc:LotNumberID
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemInstance
    B32901 allows cbc:SerialID cac:LotIdentification
cac:OrderLine/cac:QuotationLineReference
    B33301 requires cbc:LineID
    B33302 allows cbc:LineID
"""

TABLES["T110"] = """
/
    B00101 requires cbc:CustomizationID
    B00102 requires cbc:ProfileID
    B00103 requires cbc:ID
    B00104 requires cbc:IssueDate
    B00105 requires cac:OrderReference
    B00106 requires cac:SellerSupplierParty
    B00107 requires cac:BuyerCustomerParty
    B00108 requires cac:OrderLine
    B00109 no-schema-location
    B00110 allows cbc:CustomizationID cbc:ProfileID cbc:ID cbc:SalesOrderID cbc:IssueDate
        cbc:IssueTime cbc:Note cbc:DocumentCurrencyCode cbc:CustomerReference cac:OrderReference
        cac:OriginatorDocumentReference cac:AdditionalDocumentReference cac:Contract
        cac:SellerSupplierParty cac:BuyerCustomerParty cac:OriginatorCustomerParty
        cac:AccountingCustomerParty cac:Delivery cac:DeliveryTerms cac:AllowanceCharge cac:TaxTotal
        cac:LegalMonetaryTotal cac:OrderLine
cbc:ProfileID
    B00301 fixed urn:fdc:peppol.eu:poacc:bis:order_agreement:3
cbc:DocumentCurrencyCode
    B00901 code-list text ISO4217
cac:OrderReference
    B01101 requires cbc:ID
    B01102 allows cbc:ID
cac:OriginatorDocumentReference
    B01301 requires cbc:ID
    B01302 allows cbc:ID
cac:AdditionalDocumentReference
    B01501 requires cbc:ID
    B01502 allows cbc:ID cbc:DocumentType cac:Attachment
cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject
    B01901 requires @mimeCode
    B01902 code-list @mimeCode MIME_CODE
    B01903 requires @filename
cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference
    B02201 requires cbc:URI
    B02202 allows cbc:URI
cac:AdditionalDocumentReference/cac:Attachment
    B01801 allows cbc:EmbeddedDocumentBinaryObject cac:ExternalReference
cac:Contract
    B02401 requires cbc:ID
    B02402 allows cbc:ID
cac:SellerSupplierParty
    B02601 requires cac:Party
    B02602 allows cac:Party
cac:SellerSupplierParty/cac:Party
    B02701 requires cbc:EndpointID
    B02702 requires cac:PartyLegalEntity
    B02703 allows cbc:EndpointID cac:PartyIdentification cac:PostalAddress cac:PartyLegalEntity
        cac:Contact
cac:SellerSupplierParty/cac:Party/cbc:EndpointID
    B02801 requires @schemeID
    B02802 code-list @schemeID EAS
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification
    B03001 requires cbc:ID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID
    B03101 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PostalAddress
    B03301 requires cac:Country
    B03302 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country
    B04101 requires cbc:IdentificationCode
    B04102 allows cbc:IdentificationCode
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B04201 code-list text ISO3166
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity
    B04301 requires cbc:RegistrationName
    B04302 allows cbc:RegistrationName cbc:CompanyID
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B04501 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:Contact
    B04701 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:BuyerCustomerParty
    B05101 requires cac:Party
    B05102 allows cac:Party cac:DeliveryContact
cac:BuyerCustomerParty/cac:Party
    B05201 requires cbc:EndpointID
    B05202 requires cac:PartyLegalEntity
    B05203 allows cbc:EndpointID cac:PartyIdentification cac:PostalAddress cac:PartyLegalEntity
cac:BuyerCustomerParty/cac:Party/cbc:EndpointID
    B05301 requires @schemeID
    B05302 code-list @schemeID EAS
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification
    B05501 requires cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B05601 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress
    B05801 requires cac:Country
    B05802 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country
    B06601 requires cbc:IdentificationCode
    B06602 allows cbc:IdentificationCode
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B06701 code-list text ISO3166
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity
    B06801 requires cbc:RegistrationName
    B06802 allows cbc:RegistrationName cbc:CompanyID
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B07001 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:DeliveryContact
    B07201 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification
    B07801 requires cbc:ID
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B07901 code-list @schemeID ICD
cac:OriginatorCustomerParty/cac:Party/cac:PartyName
    B08101 requires cbc:Name
cac:OriginatorCustomerParty/cac:Party
    B07701 allows cac:PartyIdentification cac:PartyName
cac:OriginatorCustomerParty
    B07601 allows cac:Party
cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification
    B08501 requires cbc:ID
cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B08601 code-list @schemeID ICD
cac:AccountingCustomerParty/cac:Party/cac:PartyName
    B08801 requires cbc:Name
cac:AccountingCustomerParty/cac:Party
    B08401 allows cac:PartyIdentification cac:PartyName
cac:AccountingCustomerParty
    B08301 allows cac:Party
cac:Delivery/cac:PromisedDeliveryPeriod
    B09101 requires cbc:StartDate
    B09102 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:Delivery/cac:DeliveryParty/cac:PartyIdentification
    B09701 requires cbc:ID
cac:Delivery/cac:DeliveryParty/cac:PartyIdentification/cbc:ID
    B09801 code-list @schemeID ICD
cac:Delivery/cac:DeliveryParty/cac:PartyName
    B10001 requires cbc:Name
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:Country
    B11001 requires cbc:IdentificationCode
    B11002 allows cbc:IdentificationCode
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B11101 code-list text ISO3166
cac:Delivery/cac:DeliveryParty/cac:PostalAddress
    B10201 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:Delivery/cac:DeliveryParty
    B09601 allows cac:PartyIdentification cac:PartyName cac:PostalAddress
cac:Delivery
    B09001 allows cac:PromisedDeliveryPeriod cac:DeliveryParty
cac:DeliveryTerms/cac:DeliveryLocation
    B11501 requires cbc:ID
    B11502 allows cbc:ID cac:Address
cac:DeliveryTerms/cac:DeliveryLocation/cac:Address/cac:Country
    B12501 requires cbc:IdentificationCode
    B12502 allows cbc:IdentificationCode
cac:DeliveryTerms/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode
    B12601 code-list text ISO3166
cac:DeliveryTerms/cac:DeliveryLocation/cac:Address
    B11701 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:DeliveryTerms
    B11201 allows cbc:ID cbc:SpecialTerms cac:DeliveryLocation
cac:AllowanceCharge
    B12701 requires cbc:ChargeIndicator
    B12702 requires cbc:Amount
    B12703 requires cac:TaxCategory
    B12704 allows cbc:ChargeIndicator cbc:AllowanceChargeReasonCode cbc:AllowanceChargeReason
        cbc:MultiplierFactorNumeric cbc:Amount cbc:BaseAmount cac:TaxCategory
cac:AllowanceCharge/cbc:ChargeIndicator
    B12801 code-list text TRUE_FALSE
cac:AllowanceCharge/cbc:AllowanceChargeReasonCode
    B12901 code-list text UNCL5189 UNCL7161
cac:AllowanceCharge/cbc:Amount
    B13201 requires @currencyID
    B13202 code-list @currencyID ISO4217
cac:AllowanceCharge/cbc:BaseAmount
    B13401 requires @currencyID
    B13402 code-list @currencyID ISO4217
cac:AllowanceCharge/cac:TaxCategory
    B13601 requires cbc:ID
    B13602 requires cac:TaxScheme
    B13603 allows cbc:ID cbc:Percent cac:TaxScheme
cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme
    B13901 requires cbc:ID
    B13902 allows cbc:ID
cac:TaxTotal
    B14101 requires cbc:TaxAmount
    B14102 allows cbc:TaxAmount cac:TaxSubtotal
cac:TaxTotal/cbc:TaxAmount
    B14201 requires @currencyID
    B14202 code-list @currencyID ISO4217
cac:TaxTotal/cac:TaxSubtotal
    B14401 requires cbc:TaxableAmount
    B14402 requires cbc:TaxAmount
    B14403 requires cac:TaxCategory
    B14404 allows cbc:TaxableAmount cbc:TaxAmount cac:TaxCategory
cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount
    B14501 requires @currencyID
    B14502 code-list @currencyID ISO4217
cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount
    B14701 requires @currencyID
    B14702 code-list @currencyID ISO4217
cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory
    B14901 requires cbc:ID
    B14902 requires cac:TaxScheme
    B14903 allows cbc:ID cbc:Percent cbc:TaxExemptionReason cac:TaxScheme
cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme
    B15301 requires cbc:ID
    B15302 allows cbc:ID
cac:LegalMonetaryTotal
    B15501 requires cbc:LineExtensionAmount
    B15502 requires cbc:TaxExclusiveAmount
    B15503 requires cbc:TaxInclusiveAmount
    B15504 requires cbc:PayableAmount
    B15505 allows cbc:LineExtensionAmount cbc:TaxExclusiveAmount cbc:TaxInclusiveAmount
        cbc:AllowanceTotalAmount cbc:ChargeTotalAmount cbc:PrepaidAmount cbc:PayableRoundingAmount
        cbc:PayableAmount
cac:LegalMonetaryTotal/cbc:LineExtensionAmount
    B15601 requires @currencyID
    B15602 code-list @currencyID ISO4217
cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount
    B15801 requires @currencyID
    B15802 code-list @currencyID ISO4217
cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount
    B16001 requires @currencyID
    B16002 code-list @currencyID ISO4217
cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount
    B16201 requires @currencyID
    B16202 code-list @currencyID ISO4217
cac:LegalMonetaryTotal/cbc:ChargeTotalAmount
    B16401 requires @currencyID
    B16402 code-list @currencyID ISO4217
cac:LegalMonetaryTotal/cbc:PrepaidAmount
    B16601 requires @currencyID
    B16602 code-list @currencyID ISO4217
cac:LegalMonetaryTotal/cbc:PayableRoundingAmount
    B16801 requires @currencyID
    B16802 code-list @currencyID ISO4217
cac:LegalMonetaryTotal/cbc:PayableAmount
    B17001 requires @currencyID
    B17002 code-list @currencyID ISO4217
cac:OrderLine
    B17201 requires cac:LineItem
    B17202 allows cac:LineItem
cac:OrderLine/cac:LineItem
    B17301 requires cbc:ID
    B17302 requires cbc:Quantity
    B17303 requires cac:Price
    B17304 requires cac:Item
    B17305 allows cbc:ID cbc:Note cbc:Quantity cbc:LineExtensionAmount cac:Delivery cac:Price
        cac:Item
cac:OrderLine/cac:LineItem/cbc:Quantity
    B17601 requires @unitCode
    B17602 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cbc:LineExtensionAmount
    B17801 requires @currencyID
    B17802 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Delivery/cbc:Quantity
    B18101 requires @unitCode
    B18102 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Delivery/cac:PromisedDeliveryPeriod
    B18301 requires cbc:StartDate
    B18302 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:OrderLine/cac:LineItem/cac:Delivery
    B18001 allows cbc:Quantity cac:PromisedDeliveryPeriod
cac:OrderLine/cac:LineItem/cac:Price
    B18801 requires cbc:PriceAmount
    B18802 allows cbc:PriceAmount cbc:BaseQuantity cbc:PriceType cac:AllowanceCharge
cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount
    B18901 requires @currencyID
    B18902 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cbc:BaseQuantity
    B19101 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge
    B19401 requires cbc:ChargeIndicator
    B19402 requires cbc:Amount
    B19403 allows cbc:ChargeIndicator cbc:Amount cbc:BaseAmount
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:ChargeIndicator
    B19501 fixed false
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:Amount
    B19601 requires @currencyID
    B19602 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:BaseAmount
    B19801 requires @currencyID
    B19802 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Item
    B20001 requires cbc:Name
    B20002 allows cbc:Description cbc:Name cac:BuyersItemIdentification
        cac:SellersItemIdentification cac:StandardItemIdentification
        cac:ItemSpecificationDocumentReference cac:CommodityClassification cac:TransactionConditions
        cac:ClassifiedTaxCategory cac:AdditionalItemProperty cac:Certificate
cac:OrderLine/cac:LineItem/cac:Item/cac:BuyersItemIdentification
    B20301 requires cbc:ID
    B20302 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:SellersItemIdentification
    B20501 requires cbc:ID
    B20502 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification
    B20701 requires cbc:ID
    B20702 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification/cbc:ID
    B20801 requires @schemeID
    B20802 code-list @schemeID ICD
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemSpecificationDocumentReference
    B21001 requires cbc:ID
    B21002 allows cbc:ID cbc:DocumentTypeCode cbc:DocumentType cac:Attachment
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemSpecificationDocumentReference/cbc:DocumentTypeCode
    B21201 code-list text UNCL1001 IMAGE
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemSpecificationDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject
    B21501 requires @mimeCode
    B21502 code-list @mimeCode MIME_CODE
    B21503 requires @filename
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemSpecificationDocumentReference/cac:Attachment/cac:ExternalReference
    B21801 allows cbc:URI
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemSpecificationDocumentReference/cac:Attachment
    B21401 allows cbc:EmbeddedDocumentBinaryObject cac:ExternalReference
cac:OrderLine/cac:LineItem/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode
    B22101 requires @listID
    B22102 code-list @listID UNCL7143
cac:OrderLine/cac:LineItem/cac:Item/cac:CommodityClassification
    B22001 allows cbc:ItemClassificationCode
cac:OrderLine/cac:LineItem/cac:Item/cac:TransactionConditions
    B22501 requires cbc:ActionCode
    B22502 allows cbc:ActionCode
cac:OrderLine/cac:LineItem/cac:Item/cac:TransactionConditions/cbc:ActionCode
    B22601 fixed CT
cac:OrderLine/cac:LineItem/cac:Item/cac:ClassifiedTaxCategory
    B22701 requires cbc:ID
    B22702 requires cac:TaxScheme
    B22703 allows cbc:ID cbc:Percent cac:TaxScheme
cac:OrderLine/cac:LineItem/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme
    B23001 requires cbc:ID
    B23002 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty
    B23201 requires cbc:Name
    B23202 requires cbc:Value
    B23203 allows cbc:ID cbc:Name cbc:NameCode cbc:Value cbc:ValueQuantity cbc:ValueQualifier
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty/cbc:NameCode
    B23801 requires @listID
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity
    B24101 requires @unitCode
    B24102 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Item/cac:Certificate
    B24401 requires cbc:ID
    B24402 requires cbc:CertificateTypeCode
    B24403 requires cbc:CertificateType
    B24404 requires cac:IssuerParty
    B24405 allows cbc:ID cbc:CertificateTypeCode cbc:CertificateType cbc:Remarks cac:IssuerParty
        cac:DocumentReference
cac:OrderLine/cac:LineItem/cac:Item/cac:Certificate/cbc:CertificateTypeCode
    B24601 fixed NA
cac:OrderLine/cac:LineItem/cac:Item/cac:Certificate/cac:IssuerParty
    B24901 requires cac:PartyName
    B24902 allows cac:PartyName
cac:OrderLine/cac:LineItem/cac:Item/cac:Certificate/cac:IssuerParty/cac:PartyName
    B25001 requires cbc:Name
cac:OrderLine/cac:LineItem/cac:Item/cac:Certificate/cac:DocumentReference
    B25201 requires cbc:ID
    B25202 allows cbc:ID
"""

TABLES["T114"] = """
/
    B00101 requires cbc:CustomizationID
    B00102 requires cbc:ProfileID
    B00103 requires cbc:ID
    B00104 requires cbc:IssueDate
    B00105 requires cbc:DocumentCurrencyCode
    B00106 requires cac:OrderReference
    B00107 requires cac:BuyerCustomerParty
    B00108 requires cac:SellerSupplierParty
    B00109 requires cac:OrderLine
    B00110 no-schema-location
    B00111 allows cbc:CustomizationID cbc:ProfileID cbc:ID cbc:SalesOrderID cbc:IssueDate
        cbc:IssueTime cbc:SequenceNumberID cbc:Note cbc:DocumentCurrencyCode cbc:CustomerReference
        cbc:AccountingCost cac:ValidityPeriod cac:OrderReference cac:QuotationDocumentReference
        cac:OriginatorDocumentReference cac:AdditionalDocumentReference cac:Contract
        cac:BuyerCustomerParty cac:SellerSupplierParty cac:OriginatorCustomerParty
        cac:AccountingCustomerParty cac:Delivery cac:DeliveryTerms cac:PaymentTerms
        cac:AllowanceCharge cac:TaxTotal cac:AnticipatedMonetaryTotal cac:OrderLine
cbc:CustomizationID
    B00201 fixed urn:fdc:peppol.eu:poacc:trns:order_change:3
cbc:ProfileID
    B00301 fixed urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3
cbc:DocumentCurrencyCode
    B01001 code-list text ISO4217
cac:ValidityPeriod
    B01301 requires cbc:EndDate
    B01302 allows cbc:EndDate
cac:OrderReference
    B01501 requires cbc:ID
    B01502 allows cbc:ID
cac:QuotationDocumentReference
    B01701 requires cbc:ID
    B01702 allows cbc:ID
cac:OriginatorDocumentReference
    B01901 requires cbc:ID
    B01902 allows cbc:ID
cac:AdditionalDocumentReference
    B02101 requires cbc:ID
    B02102 allows cbc:ID cbc:DocumentType cac:Attachment
cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject
    B02501 requires @mimeCode
    B02502 code-list @mimeCode MIME_CODE
    B02503 requires @filename
cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference
    B02801 requires cbc:URI
    B02802 allows cbc:URI
cac:AdditionalDocumentReference/cac:Attachment
    B02401 allows cbc:EmbeddedDocumentBinaryObject cac:ExternalReference
cac:Contract
    B03001 requires cbc:ID
    B03002 allows cbc:ID
cac:BuyerCustomerParty
    B03201 requires cac:Party
    B03202 allows cac:Party
cac:BuyerCustomerParty/cac:Party
    B03301 requires cbc:EndpointID
    B03302 requires cac:PartyLegalEntity
    B03303 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyTaxScheme cac:PartyLegalEntity cac:Contact
cac:BuyerCustomerParty/cac:Party/cbc:EndpointID
    B03401 requires @schemeID
    B03402 code-list @schemeID EAS
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification
    B03601 requires cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B03701 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyName
    B03901 requires cbc:Name
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress
    B04101 requires cac:Country
    B04102 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country
    B04901 requires cbc:IdentificationCode
    B04902 allows cbc:IdentificationCode
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B05001 code-list text ISO3166
cac:BuyerCustomerParty/cac:Party/cac:PartyTaxScheme
    B05101 requires cbc:CompanyID
    B05102 requires cac:TaxScheme
    B05103 allows cbc:CompanyID cac:TaxScheme
cac:BuyerCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme
    B05301 requires cbc:ID
    B05302 allows cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity
    B05501 requires cbc:RegistrationName
    B05502 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B05701 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B05901 requires cac:Country
    B05902 allows cbc:CityName cac:Country
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B06101 requires cbc:IdentificationCode
    B06102 allows cbc:IdentificationCode
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B06201 code-list text ISO3166
cac:BuyerCustomerParty/cac:Party/cac:Contact
    B06301 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:SellerSupplierParty
    B06701 requires cac:Party
    B06702 allows cac:Party
cac:SellerSupplierParty/cac:Party
    B06801 requires cbc:EndpointID
    B06802 requires cac:PostalAddress
    B06803 requires cac:PartyLegalEntity
    B06804 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyLegalEntity cac:Contact
cac:SellerSupplierParty/cac:Party/cbc:EndpointID
    B06901 requires @schemeID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification
    B07101 requires cbc:ID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID
    B07201 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyName
    B07401 requires cbc:Name
cac:SellerSupplierParty/cac:Party/cac:PostalAddress
    B07601 requires cac:Country
    B07602 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country
    B08401 requires cbc:IdentificationCode
    B08402 allows cbc:IdentificationCode
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B08501 code-list text ISO3166
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity
    B08601 requires cbc:RegistrationName
    B08602 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B08801 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B09001 requires cac:Country
    B09002 allows cbc:CityName cac:Country
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B09201 requires cbc:IdentificationCode
    B09202 allows cbc:IdentificationCode
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B09301 code-list text ISO3166
cac:SellerSupplierParty/cac:Party/cac:Contact
    B09401 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:OriginatorCustomerParty
    B09801 requires cac:Party
    B09802 allows cac:Party
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification
    B10001 requires cbc:ID
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B10101 code-list @schemeID ICD
cac:OriginatorCustomerParty/cac:Party/cac:PartyName
    B10301 requires cbc:Name
cac:OriginatorCustomerParty/cac:Party/cac:Contact
    B10501 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:OriginatorCustomerParty/cac:Party
    B09901 allows cac:PartyIdentification cac:PartyName cac:Contact
cac:AccountingCustomerParty
    B10901 requires cac:Party
    B10902 allows cac:Party
cac:AccountingCustomerParty/cac:Party
    B11001 requires cac:PostalAddress
    B11002 requires cac:PartyLegalEntity
    B11003 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyTaxScheme cac:PartyLegalEntity cac:Contact
cac:AccountingCustomerParty/cac:Party/cbc:EndpointID
    B11101 requires @schemeID
cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification
    B11301 requires cbc:ID
cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B11401 code-list @schemeID ICD
cac:AccountingCustomerParty/cac:Party/cac:PartyName
    B11601 requires cbc:Name
cac:AccountingCustomerParty/cac:Party/cac:PostalAddress
    B11801 requires cac:Country
    B11802 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country
    B12601 requires cbc:IdentificationCode
    B12602 allows cbc:IdentificationCode
cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B12701 code-list text ISO3166
cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme
    B12801 requires cbc:CompanyID
    B12802 requires cac:TaxScheme
    B12803 allows cbc:CompanyID cac:TaxScheme
cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme
    B13001 requires cbc:ID
    B13002 allows cbc:ID
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity
    B13201 requires cbc:RegistrationName
    B13202 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B13401 code-list @schemeID ICD
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B13601 requires cac:Country
    B13602 allows cbc:CityName cac:Country
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B13801 requires cbc:IdentificationCode
    B13802 allows cbc:IdentificationCode
cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B13901 code-list text ISO3166
cac:AccountingCustomerParty/cac:Party/cac:Contact
    B14001 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:Delivery/cac:DeliveryLocation
    B14501 requires cac:Address
    B14502 allows cbc:ID cbc:Name cac:Address
cac:Delivery/cac:DeliveryLocation/cbc:ID
    B14601 code-list @schemeID ICD
cac:Delivery/cac:DeliveryLocation/cac:Address
    B14901 requires cac:Country
    B14902 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:Delivery/cac:DeliveryLocation/cac:Address/cac:AddressLine
    B15501 requires cbc:Line
cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country
    B15701 requires cbc:IdentificationCode
    B15702 allows cbc:IdentificationCode
cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode
    B15801 code-list text ISO3166
cac:Delivery/cac:RequestedDeliveryPeriod
    B15901 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:Delivery/cac:DeliveryParty
    B16401 requires cac:PartyName
    B16402 allows cac:PartyIdentification cac:PartyName cac:PostalAddress cac:Contact
cac:Delivery/cac:DeliveryParty/cac:PartyIdentification
    B16501 requires cbc:ID
cac:Delivery/cac:DeliveryParty/cac:PartyIdentification/cbc:ID
    B16601 code-list @schemeID ICD
cac:Delivery/cac:DeliveryParty/cac:PartyName
    B16801 requires cbc:Name
cac:Delivery/cac:DeliveryParty/cac:PostalAddress
    B17001 requires cac:Country
    B17002 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:AddressLine
    B17601 requires cbc:Line
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:Country
    B17801 requires cbc:IdentificationCode
    B17802 allows cbc:IdentificationCode
cac:Delivery/cac:DeliveryParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B17901 code-list text ISO3166
cac:Delivery/cac:DeliveryParty/cac:Contact
    B18001 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:Delivery/cac:Shipment
    B18401 requires cbc:ID
    B18402 allows cbc:ID cac:TransportHandlingUnit
cac:Delivery/cac:Shipment/cac:TransportHandlingUnit
    B18601 allows cbc:ShippingMarks
cac:Delivery
    B14401 allows cac:DeliveryLocation cac:RequestedDeliveryPeriod cac:DeliveryParty
        cac:Shipment
cac:DeliveryTerms/cac:DeliveryLocation
    B19101 requires cbc:ID
    B19102 allows cbc:ID
cac:DeliveryTerms
    B18801 allows cbc:ID cbc:SpecialTerms cac:DeliveryLocation
cac:PaymentTerms
    B19301 requires cbc:Note
    B19302 allows cbc:Note
cac:AllowanceCharge
    B19501 requires cbc:ChargeIndicator
    B19502 requires cbc:AllowanceChargeReason
    B19503 requires cbc:Amount
    B19504 allows cbc:ChargeIndicator cbc:AllowanceChargeReasonCode cbc:AllowanceChargeReason
        cbc:MultiplierFactorNumeric cbc:Amount cbc:BaseAmount cac:TaxCategory
cac:AllowanceCharge/cbc:ChargeIndicator
    B19601 code-list text TRUE_FALSE
cac:AllowanceCharge/cbc:AllowanceChargeReasonCode
    B19701 code-list text UNCL5189 UNCL7161
cac:AllowanceCharge/cbc:Amount
    B20001 requires @currencyID
    B20002 code-list @currencyID ISO4217
cac:AllowanceCharge/cbc:BaseAmount
    B20201 requires @currencyID
    B20202 code-list @currencyID ISO4217
cac:AllowanceCharge/cac:TaxCategory
    B20401 requires cbc:ID
    B20402 requires cac:TaxScheme
    B20403 allows cbc:ID cbc:Percent cac:TaxScheme
cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme
    B20701 requires cbc:ID
    B20702 allows cbc:ID
cac:TaxTotal
    B20901 requires cbc:TaxAmount
    B20902 allows cbc:TaxAmount
cac:TaxTotal/cbc:TaxAmount
    B21001 requires @currencyID
    B21002 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal
    B21201 requires cbc:LineExtensionAmount
    B21202 requires cbc:PayableAmount
    B21203 allows cbc:LineExtensionAmount cbc:TaxExclusiveAmount cbc:TaxInclusiveAmount
        cbc:AllowanceTotalAmount cbc:ChargeTotalAmount cbc:PrepaidAmount cbc:PayableRoundingAmount
        cbc:PayableAmount
cac:AnticipatedMonetaryTotal/cbc:LineExtensionAmount
    B21301 requires @currencyID
    B21302 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:TaxExclusiveAmount
    B21501 requires @currencyID
    B21502 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:TaxInclusiveAmount
    B21701 requires @currencyID
    B21702 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:AllowanceTotalAmount
    B21901 requires @currencyID
    B21902 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:ChargeTotalAmount
    B22101 requires @currencyID
    B22102 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:PrepaidAmount
    B22301 requires @currencyID
    B22302 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:PayableRoundingAmount
    B22501 requires @currencyID
    B22502 code-list @currencyID ISO4217
cac:AnticipatedMonetaryTotal/cbc:PayableAmount
    B22701 requires @currencyID
    B22702 code-list @currencyID ISO4217
cac:OrderLine
    B22901 requires cac:LineItem
    B22902 allows cbc:Note cac:LineItem cac:QuotationLineReference
cac:OrderLine/cac:LineItem
    B23101 requires cbc:ID
    B23102 requires cbc:LineStatusCode
    B23103 requires cbc:Quantity
    B23104 requires cac:Item
    B23105 allows cbc:ID cbc:LineStatusCode cbc:Quantity cbc:LineExtensionAmount
        cbc:PartialDeliveryIndicator cbc:AccountingCost cac:Delivery cac:OriginatorParty
        cac:AllowanceCharge cac:Price cac:Item
cac:OrderLine/cac:LineItem/cbc:LineStatusCode
    B23301 code-list text UNCL1229_CHANGE
cac:OrderLine/cac:LineItem/cbc:Quantity
    B23401 requires @unitCode
    B23402 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cbc:LineExtensionAmount
    B23601 requires @currencyID
    B23602 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cbc:PartialDeliveryIndicator
    B23801 code-list text TRUE_FALSE
cac:OrderLine/cac:LineItem/cac:Delivery/cbc:ID
    B24101 code-list @schemeID ICD
cac:OrderLine/cac:LineItem/cac:Delivery/cac:RequestedDeliveryPeriod
    B24301 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:OrderLine/cac:LineItem/cac:Delivery
    B24001 allows cbc:ID cac:RequestedDeliveryPeriod
cac:OrderLine/cac:LineItem/cac:OriginatorParty/cac:PartyIdentification
    B24901 requires cbc:ID
cac:OrderLine/cac:LineItem/cac:OriginatorParty/cac:PartyIdentification/cbc:ID
    B25001 code-list @schemeID ICD
cac:OrderLine/cac:LineItem/cac:OriginatorParty/cac:PartyName
    B25201 requires cbc:Name
cac:OrderLine/cac:LineItem/cac:OriginatorParty
    B24801 allows cac:PartyIdentification cac:PartyName
cac:OrderLine/cac:LineItem/cac:AllowanceCharge
    B25401 requires cbc:ChargeIndicator
    B25402 requires cbc:Amount
    B25403 allows cbc:ChargeIndicator cbc:AllowanceChargeReasonCode cbc:AllowanceChargeReason
        cbc:MultiplierFactorNumeric cbc:Amount cbc:BaseAmount
cac:OrderLine/cac:LineItem/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode
    B25601 code-list text UNCL5189 UNCL7161
cac:OrderLine/cac:LineItem/cac:AllowanceCharge/cbc:Amount
    B25901 requires @currencyID
    B25902 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:AllowanceCharge/cbc:BaseAmount
    B26101 requires @currencyID
    B26102 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price
    B26301 requires cbc:PriceAmount
    B26302 allows cbc:PriceAmount cbc:BaseQuantity cac:AllowanceCharge
cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount
    B26401 requires @currencyID
    B26402 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cbc:BaseQuantity
    B26601 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge
    B26801 requires cbc:ChargeIndicator
    B26802 requires cbc:Amount
    B26803 allows cbc:ChargeIndicator cbc:Amount cbc:BaseAmount
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:ChargeIndicator
    B26901 fixed false
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:Amount
    B27001 requires @currencyID
    B27002 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cac:AllowanceCharge/cbc:BaseAmount
    B27201 requires @currencyID
    B27202 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Item
    B27401 requires cbc:Name
    B27402 allows cbc:Description cbc:Name cac:BuyersItemIdentification
        cac:SellersItemIdentification cac:StandardItemIdentification
        cac:ItemSpecificationDocumentReference cac:CommodityClassification cac:ClassifiedTaxCategory
        cac:AdditionalItemProperty cac:ItemInstance
cac:OrderLine/cac:LineItem/cac:Item/cac:BuyersItemIdentification
    B27701 requires cbc:ID
    B27702 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:SellersItemIdentification
    B27901 requires cbc:ID
    B27902 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification
    B28101 requires cbc:ID
    B28102 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification/cbc:ID
    B28201 requires @schemeID
    B28202 code-list @schemeID ICD
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemSpecificationDocumentReference
    B28401 requires cbc:ID
    B28402 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode
    B28701 requires @listID
    B28702 code-list @listID UNCL7143
cac:OrderLine/cac:LineItem/cac:Item/cac:CommodityClassification
    B28601 allows cbc:ItemClassificationCode
cac:OrderLine/cac:LineItem/cac:Item/cac:ClassifiedTaxCategory
    B29101 requires cbc:ID
    B29102 requires cac:TaxScheme
    B29103 allows cbc:ID cbc:Percent cac:TaxScheme
cac:OrderLine/cac:LineItem/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme
    B29401 requires cbc:ID
    B29402 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty
    B29601 requires cbc:Name
    B29602 requires cbc:Value
    B29603 allows cbc:ID cbc:Name cbc:NameCode cbc:Value cbc:ValueQuantity cbc:ValueQualifier
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty/cbc:NameCode
    B30201 requires @listID
cac:OrderLine/cac:LineItem/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity
    B30501 requires @unitCode
    B30502 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemInstance/cac:LotIdentification
    B31001 allows cbc:LotNumberID
cac:OrderLine/cac:LineItem/cac:Item/cac:ItemInstance
    B30801 allows cbc:SerialID cac:LotIdentification
cac:OrderLine/cac:QuotationLineReference
    B31201 requires cbc:LineID
    B31202 allows cbc:LineID
"""

TABLES["T115"] = """
/
    B00101 requires cbc:CustomizationID
    B00102 requires cbc:ProfileID
    B00103 requires cbc:ID
    B00104 requires cbc:IssueDate
    B00105 requires cbc:CancellationNote
    B00106 requires cac:OrderReference
    B00107 requires cac:BuyerCustomerParty
    B00108 requires cac:SellerSupplierParty
    B00109 no-schema-location
    B00110 allows cbc:CustomizationID cbc:ProfileID cbc:ID cbc:IssueDate cbc:IssueTime cbc:Note
        cbc:CancellationNote cac:OrderReference cac:OriginatorDocumentReference
        cac:AdditionalDocumentReference cac:Contract cac:BuyerCustomerParty cac:SellerSupplierParty
        cac:OriginatorCustomerParty
cbc:CustomizationID
    B00201 fixed urn:fdc:peppol.eu:poacc:trns:order_cancellation:3
cbc:ProfileID
    B00301 fixed urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3
cac:OrderReference
    B00901 requires cbc:ID
    B00902 allows cbc:ID
cac:OriginatorDocumentReference
    B01101 requires cbc:ID
    B01102 allows cbc:ID
cac:AdditionalDocumentReference
    B01301 requires cbc:ID
    B01302 allows cbc:ID cbc:DocumentType cac:Attachment
cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject
    B01701 requires @mimeCode
    B01702 code-list @mimeCode MIME_CODE
    B01703 requires @filename
cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference
    B02001 requires cbc:URI
    B02002 allows cbc:URI
cac:AdditionalDocumentReference/cac:Attachment
    B01601 allows cbc:EmbeddedDocumentBinaryObject cac:ExternalReference
cac:Contract
    B02201 requires cbc:ID
    B02202 allows cbc:ID
cac:BuyerCustomerParty
    B02401 requires cac:Party
    B02402 allows cac:Party
cac:BuyerCustomerParty/cac:Party
    B02501 requires cbc:EndpointID
    B02502 requires cac:PartyLegalEntity
    B02503 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyTaxScheme cac:PartyLegalEntity cac:Contact
cac:BuyerCustomerParty/cac:Party/cbc:EndpointID
    B02601 requires @schemeID
    B02602 code-list @schemeID EAS
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification
    B02801 requires cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B02901 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyName
    B03101 requires cbc:Name
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress
    B03301 requires cac:Country
    B03302 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country
    B04101 requires cbc:IdentificationCode
    B04102 allows cbc:IdentificationCode
cac:BuyerCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B04201 code-list text ISO3166
cac:BuyerCustomerParty/cac:Party/cac:PartyTaxScheme
    B04301 requires cbc:CompanyID
    B04302 requires cac:TaxScheme
    B04303 allows cbc:CompanyID cac:TaxScheme
cac:BuyerCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme
    B04501 requires cbc:ID
    B04502 allows cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity
    B04701 requires cbc:RegistrationName
    B04702 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B04901 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B05101 requires cac:Country
    B05102 allows cbc:CityName cac:Country
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B05301 requires cbc:IdentificationCode
    B05302 allows cbc:IdentificationCode
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B05401 code-list text ISO3166
cac:BuyerCustomerParty/cac:Party/cac:Contact
    B05501 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:SellerSupplierParty
    B05901 requires cac:Party
    B05902 allows cac:Party
cac:SellerSupplierParty/cac:Party
    B06001 requires cbc:EndpointID
    B06002 requires cac:PostalAddress
    B06003 requires cac:PartyLegalEntity
    B06004 allows cbc:EndpointID cac:PartyIdentification cac:PartyName cac:PostalAddress
        cac:PartyLegalEntity cac:Contact
cac:SellerSupplierParty/cac:Party/cbc:EndpointID
    B06101 requires @schemeID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification
    B06301 requires cbc:ID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID
    B06401 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyName
    B06601 requires cbc:Name
cac:SellerSupplierParty/cac:Party/cac:PostalAddress
    B06801 requires cac:Country
    B06802 allows cbc:StreetName cbc:AdditionalStreetName cbc:CityName cbc:PostalZone
        cbc:CountrySubentity cac:AddressLine cac:Country
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country
    B07601 requires cbc:IdentificationCode
    B07602 allows cbc:IdentificationCode
cac:SellerSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode
    B07701 code-list text ISO3166
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity
    B07801 requires cbc:RegistrationName
    B07802 allows cbc:RegistrationName cbc:CompanyID cac:RegistrationAddress
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID
    B08001 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress
    B08201 requires cac:Country
    B08202 allows cbc:CityName cac:Country
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country
    B08401 requires cbc:IdentificationCode
    B08402 allows cbc:IdentificationCode
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress/cac:Country/cbc:IdentificationCode
    B08501 code-list text ISO3166
cac:SellerSupplierParty/cac:Party/cac:Contact
    B08601 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:OriginatorCustomerParty
    B09001 requires cac:Party
    B09002 allows cac:Party
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification
    B09201 requires cbc:ID
cac:OriginatorCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B09301 code-list @schemeID ICD
cac:OriginatorCustomerParty/cac:Party/cac:PartyName
    B09501 requires cbc:Name
cac:OriginatorCustomerParty/cac:Party/cac:Contact
    B09701 allows cbc:Name cbc:Telephone cbc:ElectronicMail
cac:OriginatorCustomerParty/cac:Party
    B09101 allows cac:PartyIdentification cac:PartyName cac:Contact
"""

TABLES["T116"] = """
/
    B00101 requires cbc:CustomizationID
    B00102 requires cbc:ProfileID
    B00103 requires cbc:ID
    B00104 requires cbc:IssueDate
    B00105 requires cbc:OrderResponseCode
    B00106 requires cbc:DocumentCurrencyCode
    B00107 requires cac:OrderReference
    B00108 requires cac:SellerSupplierParty
    B00109 requires cac:BuyerCustomerParty
    B00110 no-schema-location
    B00111 allows cbc:CustomizationID cbc:ProfileID cbc:ID cbc:SalesOrderID cbc:IssueDate
        cbc:IssueTime cbc:OrderResponseCode cbc:Note cbc:DocumentCurrencyCode cbc:CustomerReference
        cac:OrderReference cac:OrderChangeDocumentReference cac:SellerSupplierParty
        cac:BuyerCustomerParty cac:Delivery cac:OrderLine
cbc:ProfileID
    B00301 fixed urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3
cbc:OrderResponseCode
    B00801 code-list text UNCL4343_T76
cbc:DocumentCurrencyCode
    B01001 code-list text ISO4217
cac:OrderReference
    B01201 requires cbc:ID
    B01202 allows cbc:ID
cac:OrderChangeDocumentReference
    B01401 requires cbc:ID
    B01402 allows cbc:ID
cac:SellerSupplierParty
    B01601 requires cac:Party
    B01602 allows cac:Party
cac:SellerSupplierParty/cac:Party
    B01701 requires cbc:EndpointID
    B01702 allows cbc:EndpointID cac:PartyIdentification cac:PartyLegalEntity
cac:SellerSupplierParty/cac:Party/cbc:EndpointID
    B01801 requires @schemeID
    B01802 code-list @schemeID EAS
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification
    B02001 requires cbc:ID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID
    B02101 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity
    B02301 requires cbc:RegistrationName
    B02302 allows cbc:RegistrationName
cac:BuyerCustomerParty
    B02501 requires cac:Party
    B02502 allows cac:Party
cac:BuyerCustomerParty/cac:Party
    B02601 requires cbc:EndpointID
    B02602 allows cbc:EndpointID cac:PartyIdentification cac:PartyLegalEntity
cac:BuyerCustomerParty/cac:Party/cbc:EndpointID
    B02701 requires @schemeID
    B02702 code-list @schemeID EAS
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification
    B02901 requires cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B03001 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity
    B03201 requires cbc:RegistrationName
    B03202 allows cbc:RegistrationName
cac:Delivery
    B03401 requires cac:PromisedDeliveryPeriod
    B03402 allows cac:PromisedDeliveryPeriod
cac:Delivery/cac:PromisedDeliveryPeriod
    B03501 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:OrderLine
    B04001 requires cac:LineItem
    B04002 requires cac:OrderLineReference
    B04003 allows cac:LineItem cac:SellerSubstitutedLineItem cac:OrderLineReference
cac:OrderLine/cac:LineItem
    B04101 requires cbc:ID
    B04102 requires cbc:LineStatusCode
    B04103 requires cac:Item
    B04104 allows cbc:ID cbc:Note cbc:LineStatusCode cbc:Quantity cbc:MaximumBackorderQuantity
        cac:Delivery cac:Price cac:Item
cac:OrderLine/cac:LineItem/cbc:LineStatusCode
    B04401 code-list text UNCL1229
cac:OrderLine/cac:LineItem/cbc:Quantity
    B04501 requires @unitCode
    B04502 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Delivery/cac:PromisedDeliveryPeriod
    B04901 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:OrderLine/cac:LineItem/cac:Delivery
    B04801 allows cac:PromisedDeliveryPeriod
cac:OrderLine/cac:LineItem/cac:Price
    B05401 requires cbc:PriceAmount
    B05402 allows cbc:PriceAmount cbc:BaseQuantity
cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount
    B05501 requires @currencyID
    B05502 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cbc:BaseQuantity
    B05701 requires @unitCode
    B05702 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Item
    B05901 requires cbc:Name
    B05902 allows cbc:Name cac:BuyersItemIdentification cac:SellersItemIdentification
        cac:StandardItemIdentification
cac:OrderLine/cac:LineItem/cac:Item/cac:BuyersItemIdentification
    B06101 requires cbc:ID
    B06102 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:SellersItemIdentification
    B06301 requires cbc:ID
    B06302 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification
    B06501 requires cbc:ID
    B06502 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification/cbc:ID
    B06601 requires @schemeID
    B06602 code-list @schemeID ICD
cac:OrderLine/cac:SellerSubstitutedLineItem
    B06801 requires cbc:ID
    B06802 requires cac:Item
    B06803 allows cbc:ID cac:Item
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:SellersItemIdentification
    B07201 requires cbc:ID
    B07202 allows cbc:ID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:StandardItemIdentification
    B07401 requires cbc:ID
    B07402 allows cbc:ID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:StandardItemIdentification/cbc:ID
    B07501 requires @schemeID
    B07502 code-list @schemeID ICD
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode
    B07801 requires @listID
    B07802 code-list @listID UNCL7143
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:CommodityClassification
    B07701 allows cbc:ItemClassificationCode
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:ClassifiedTaxCategory
    B08201 requires cbc:ID
    B08202 requires cac:TaxScheme
    B08203 allows cbc:ID cbc:Percent cac:TaxScheme
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme
    B08501 requires cbc:ID
    B08502 allows cbc:ID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:AdditionalItemProperty
    B08701 requires cbc:Name
    B08702 requires cbc:Value
    B08703 allows cbc:Name cbc:NameCode cbc:Value cbc:ValueQuantity cbc:ValueQualifier
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:AdditionalItemProperty/cbc:NameCode
    B08901 requires @listID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity
    B09201 requires @unitCode
    B09202 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item
    B07001 allows cbc:Name cac:SellersItemIdentification cac:StandardItemIdentification
        cac:CommodityClassification cac:ClassifiedTaxCategory cac:AdditionalItemProperty
cac:OrderLine/cac:OrderLineReference
    B09501 requires cbc:LineID
    B09502 allows cbc:LineID
"""

TABLES["T76"] = """
/
    B00101 requires cbc:CustomizationID
    B00102 requires cbc:ProfileID
    B00103 requires cbc:ID
    B00104 requires cbc:IssueDate
    B00105 requires cbc:OrderResponseCode
    B00106 requires cbc:DocumentCurrencyCode
    B00107 requires cac:OrderReference
    B00108 requires cac:SellerSupplierParty
    B00109 requires cac:BuyerCustomerParty
    B00110 no-schema-location
    B00111 allows cbc:CustomizationID cbc:ProfileID cbc:ID cbc:SalesOrderID cbc:IssueDate
        cbc:IssueTime cbc:OrderResponseCode cbc:Note cbc:DocumentCurrencyCode cbc:CustomerReference
        cac:OrderReference cac:SellerSupplierParty cac:BuyerCustomerParty cac:Delivery cac:OrderLine
cbc:ProfileID
    B00301 fixed urn:fdc:peppol.eu:poacc:bis:ordering:3
cbc:OrderResponseCode
    B00801 code-list text UNCL4343_T76
cbc:DocumentCurrencyCode
    B01001 code-list text ISO4217
cac:OrderReference
    B01201 requires cbc:ID
    B01202 allows cbc:ID
cac:SellerSupplierParty
    B01401 requires cac:Party
    B01402 allows cac:Party
cac:SellerSupplierParty/cac:Party
    B01501 requires cbc:EndpointID
    B01502 allows cbc:EndpointID cac:PartyIdentification cac:PartyLegalEntity
cac:SellerSupplierParty/cac:Party/cbc:EndpointID
    B01601 requires @schemeID
    B01602 code-list @schemeID EAS
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification
    B01801 requires cbc:ID
cac:SellerSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID
    B01901 code-list @schemeID ICD
cac:SellerSupplierParty/cac:Party/cac:PartyLegalEntity
    B02101 requires cbc:RegistrationName
    B02102 allows cbc:RegistrationName
cac:BuyerCustomerParty
    B02301 requires cac:Party
    B02302 allows cac:Party
cac:BuyerCustomerParty/cac:Party
    B02401 requires cbc:EndpointID
    B02402 allows cbc:EndpointID cac:PartyIdentification cac:PartyLegalEntity
cac:BuyerCustomerParty/cac:Party/cbc:EndpointID
    B02501 requires @schemeID
    B02502 code-list @schemeID EAS
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification
    B02701 requires cbc:ID
cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID
    B02801 code-list @schemeID ICD
cac:BuyerCustomerParty/cac:Party/cac:PartyLegalEntity
    B03001 requires cbc:RegistrationName
    B03002 allows cbc:RegistrationName
cac:Delivery
    B03201 requires cac:PromisedDeliveryPeriod
    B03202 allows cac:PromisedDeliveryPeriod
cac:Delivery/cac:PromisedDeliveryPeriod
    B03301 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:OrderLine
    B03801 requires cac:LineItem
    B03802 requires cac:OrderLineReference
    B03803 allows cac:LineItem cac:SellerSubstitutedLineItem cac:OrderLineReference
cac:OrderLine/cac:LineItem
    B03901 requires cbc:ID
    B03902 requires cbc:LineStatusCode
    B03903 requires cac:Item
    B03904 allows cbc:ID cbc:Note cbc:LineStatusCode cbc:Quantity cbc:MaximumBackorderQuantity
        cac:Delivery cac:Price cac:Item
cac:OrderLine/cac:LineItem/cbc:LineStatusCode
    B04201 code-list text UNCL1229
cac:OrderLine/cac:LineItem/cbc:Quantity
    B04301 requires @unitCode
    B04302 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Delivery
    B04601 requires cac:PromisedDeliveryPeriod
    B04602 allows cac:PromisedDeliveryPeriod
cac:OrderLine/cac:LineItem/cac:Delivery/cac:PromisedDeliveryPeriod
    B04701 allows cbc:StartDate cbc:StartTime cbc:EndDate cbc:EndTime
cac:OrderLine/cac:LineItem/cac:Price
    B05201 requires cbc:PriceAmount
    B05202 allows cbc:PriceAmount cbc:BaseQuantity
cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount
    B05301 requires @currencyID
    B05302 code-list @currencyID ISO4217
cac:OrderLine/cac:LineItem/cac:Price/cbc:BaseQuantity
    B05501 requires @unitCode
    B05502 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:LineItem/cac:Item
    B05701 requires cbc:Name
    B05702 allows cbc:Name cac:BuyersItemIdentification cac:SellersItemIdentification
        cac:StandardItemIdentification
cac:OrderLine/cac:LineItem/cac:Item/cac:BuyersItemIdentification
    B05901 requires cbc:ID
    B05902 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:SellersItemIdentification
    B06101 requires cbc:ID
    B06102 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification
    B06301 requires cbc:ID
    B06302 allows cbc:ID
cac:OrderLine/cac:LineItem/cac:Item/cac:StandardItemIdentification/cbc:ID
    B06401 requires @schemeID
    B06402 code-list @schemeID ICD
cac:OrderLine/cac:SellerSubstitutedLineItem
    B06601 requires cbc:ID
    B06602 requires cac:Item
    B06603 allows cbc:ID cac:Item
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:SellersItemIdentification
    B07001 requires cbc:ID
    B07002 allows cbc:ID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:StandardItemIdentification
    B07201 requires cbc:ID
    B07202 allows cbc:ID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:StandardItemIdentification/cbc:ID
    B07301 requires @schemeID
    B07302 code-list @schemeID ICD
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode
    B07601 requires @listID
    B07602 code-list @listID UNCL7143
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:CommodityClassification
    B07501 allows cbc:ItemClassificationCode
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:ClassifiedTaxCategory
    B08001 requires cbc:ID
    B08002 requires cac:TaxScheme
    B08003 allows cbc:ID cbc:Percent cac:TaxScheme
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme
    B08301 requires cbc:ID
    B08302 allows cbc:ID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:AdditionalItemProperty
    B08501 requires cbc:Name
    B08502 requires cbc:Value
    B08503 allows cbc:Name cbc:NameCode cbc:Value cbc:ValueQuantity cbc:ValueQualifier
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:AdditionalItemProperty/cbc:NameCode
    B08701 requires @listID
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity
    B09001 requires @unitCode
    B09002 code-list @unitCode UNECE_REC20
cac:OrderLine/cac:SellerSubstitutedLineItem/cac:Item
    B06801 allows cbc:Name cac:SellersItemIdentification cac:StandardItemIdentification
        cac:CommodityClassification cac:ClassifiedTaxCategory cac:AdditionalItemProperty
cac:OrderLine/cac:OrderLineReference
    B09301 requires cbc:LineID
    B09302 allows cbc:LineID
"""
